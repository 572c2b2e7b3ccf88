package platform

import (
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/facts"
)

// parseJunosFileList parses `file list <dir> detail`:
//
//	/var/tmp/:
//	total blocks: 2457664
//	-rw-r--r--  1 root  wheel  1238476800 Nov 20  2025 junos-install-mx-x86-64-21.4R3-S3.4.tgz
//	total files: 1
//
// Entries carry the directory prefix (/var/tmp/x.tgz).
func parseJunosFileList(s string) (iosxeDir, error) {
	s = unwrap(s, dirContinues) // a pasted output: indented, wrapped at the terminal width
	var d iosxeDir
	dir, recognized := "", false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		f := strings.Fields(t)
		switch {
		case strings.HasPrefix(t, "/") && strings.HasSuffix(t, ":") && len(f) == 1:
			dir, recognized = strings.TrimSuffix(t, ":"), true
			if !strings.HasSuffix(dir, "/") {
				dir += "/"
			}
		case strings.HasPrefix(t, "total blocks:"), strings.HasPrefix(t, "total files:"):
			recognized = true
		case len(f) >= 9 && len(f[0]) == 10 && strings.Trim(f[0][1:], "rwxsStT-") == "" && isDigits(f[4]) && months[f[5]] && len(d.Entries) < maxFiles:
			name := strings.Join(f[8:], " ")
			d.Entries = append(d.Entries, dirEntry{Name: field(dir + name), Size: atoi64(f[4]),
				Perms: field(f[0]), IsDir: f[0][0] == 'd'})
		}
		return true
	})
	if !recognized && len(d.Entries) == 0 {
		if junosUnsupported(s) {
			return d, fmt.Errorf("parse junos file list: %w", ErrUnsupported)
		}
		return d, fmt.Errorf("parse junos file list: %w: no directory header or file line", ErrUnrecognized)
	}
	return d, nil
}

// junosPackagePrefixes and junosPackageSuffixes name Junos install
// packages: junos-install-mx-x86-64-21.4R3-S3.4.tgz, jinstall-…-signed.tgz,
// junos-vmhost-install-….tgz.
var (
	junosPackagePrefixes = []string{"junos-", "jinstall"}
	junosPackageSuffixes = []string{".tgz", ".tar.gz", ".tar", ".iso", ".img"}
)

// junosOffboxFiles are the files Junos is hashed off the box by: the image
// and boot entries when they are plain absolute paths (saved outputs may
// give them), then every install package `file list /var/tmp/ detail`
// lists, deduplicated, at most maxFollowUps.
func junosOffboxFiles(f facts.Facts) []string {
	var files []string
	seen := map[string]bool{}
	add := func(p string) {
		if len(files) < maxFollowUps && junosLocalPath(p) && !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range append([]string{f.Image}, f.Boot.System...) {
		add(p)
	}
	for _, file := range f.Files {
		if junosPackage(facts.BaseName(file.Name)) {
			add(file.Name)
		}
	}
	return files
}

func junosPackage(name string) bool {
	n := strings.ToLower(name)
	return slices.ContainsFunc(junosPackagePrefixes, func(p string) bool { return strings.HasPrefix(n, p) }) &&
		slices.ContainsFunc(junosPackageSuffixes, func(s string) bool { return strings.HasSuffix(n, s) })
}
