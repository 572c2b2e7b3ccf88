package platform

import (
	"fmt"
	"strconv"
	"strings"

	"fwaudit/internal/facts"
)

// ASADirEntry is one line of Cisco ASA `dir`:
//
//	120    -rwx  74369568     19:39:56 Nov 03 2015  asa951-lfbff-k8.spa
type ASADirEntry struct {
	FileSystem string `json:"file_system"` // the "Directory of" path, e.g. disk0:/ or disk0:/log
	ID         string `json:"id"`
	Perms      string `json:"permissions"`
	Size       int64  `json:"size"`
	DateTime   string `json:"date_time"`
	Name       string `json:"name"`
}

// Dir reports whether the entry is a directory.
func (e ASADirEntry) Dir() bool { return strings.HasPrefix(e.Perms, "d") }

// Path is the entry's full device path: disk0:/log/x.
func (e ASADirEntry) Path() string {
	fs := e.FileSystem
	fs = strings.TrimSuffix(fs, "*")
	if !strings.HasSuffix(fs, "/") {
		fs += "/"
	}
	return fs + e.Name
}

// ASADir is the parsed `dir` (one directory or `dir /recursive`).
type ASADir struct {
	Entries      []ASADirEntry `json:"entries"`
	TotalBytes   int64         `json:"total_bytes"`
	FreeBytes    int64         `json:"free_bytes"`
	PercentFree  string        `json:"percent_free,omitempty"`
	FileSystems  []string      `json:"file_systems"`
	NoSuchFolder bool          `json:"no_such_folder,omitempty"`
}

// Files are the non-directory entries as facts.Files, named by full path.
func (d ASADir) Files() []facts.File {
	var out []facts.File
	for _, e := range d.Entries {
		if !e.Dir() {
			out = append(out, facts.File{Name: field(e.Path()), Size: e.Size})
		}
	}
	return out
}

// ParseASADir parses Cisco ASA `dir disk0:` and `dir /recursive
// all-filesystems`: "Directory of X" headers, entry lines and the
// "N bytes total (M bytes free[/P% free])" totals (the first totals line
// is kept). At most maxFiles entries are kept.
func ParseASADir(s string) (ASADir, error) {
	var d ASADir
	cur := ""
	totals := false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		f := strings.Fields(t)
		switch {
		case strings.HasPrefix(t, "Directory of "):
			cur = field(strings.TrimSpace(strings.TrimPrefix(t, "Directory of ")))
			if len(d.FileSystems) < maxComponents {
				d.FileSystems = append(d.FileSystems, cur)
			}
		case len(f) >= 8 && isDigits(f[0]) && len(f[1]) == 4 && strings.Trim(f[1][1:], "rwx-") == "" && isDigits(f[2]) &&
			strings.Count(f[3], ":") == 2 && months[f[4]] && isDigits(f[6]) && len(d.Entries) < maxFiles:
			size, _ := strconv.ParseInt(f[2], 10, 64)
			name := t[strings.Index(t, f[6])+len(f[6]):]
			d.Entries = append(d.Entries, ASADirEntry{FileSystem: cur, ID: f[0], Perms: field(f[1]), Size: size,
				DateTime: field(strings.Join(f[3:7], " ")), Name: field(strings.TrimSpace(name))})
		case !totals && len(f) >= 5 && isDigits(f[0]) && f[1] == "bytes" && f[2] == "total":
			totals = true
			d.TotalBytes, _ = strconv.ParseInt(f[0], 10, 64)
			d.FreeBytes, _ = strconv.ParseInt(strings.TrimPrefix(f[3], "("), 10, 64)
			if i := strings.Index(t, "free/"); i >= 0 {
				d.PercentFree = field(strings.TrimSuffix(firstToken(t[i+len("free/"):]), "%"))
			}
		case strings.Contains(t, "No such file or directory"):
			d.NoSuchFolder = true
		}
		return true
	})
	if len(d.Entries) == 0 && !totals {
		if asaUnsupported(s) || d.NoSuchFolder {
			return d, fmt.Errorf("parse dir: %w", ErrUnsupported)
		}
		return d, fmt.Errorf("parse dir: %w: no entry or totals line", ErrUnrecognized)
	}
	return d, nil
}

// asaDirFacts fills the file listing and the crash files from `dir
// disk0:` and, in deep mode, `dir /recursive all-filesystems` (which then
// wins: it sees sub-folders such as coredumpfsys).
func asaDirFacts(out Outputs, f *facts.Facts, fw *facts.Firewall, keep func(error, bool) bool) {
	for _, cmd := range []string{ASADirDisk0, ASADirRecursive} {
		s, ok := out[cmd]
		if !ok {
			continue
		}
		d, err := ParseASADir(s)
		if !keep(err, cmd == ASADirRecursive) {
			continue
		}
		f.Files = d.Files()
		var crash []facts.File
		for _, file := range f.Files {
			if ASACrashFile(file.Name) {
				crash = append(crash, file)
			}
		}
		if len(crash) > 0 {
			if fw.Crash == nil {
				fw.Crash = &facts.Crash{}
			}
			fw.Crash.Files = crash
		}
	}
}

// ASACrashFile reports whether a device path is crash evidence: a
// crashinfo file (crashinfo_20250827_152850_UTC), a core file
// (core_smp.….gz, core.lina.….gz) or anything under coredumpfsys/. The
// coredump.cfg configuration and the coredumpfsysimage.bin container are
// not.
func ASACrashFile(path string) bool {
	l := strings.ToLower(path)
	base := strings.ToLower(facts.BaseName(path))
	if base == "coredump.cfg" || strings.HasPrefix(base, "coredumpfsysimage") {
		return false
	}
	return strings.HasPrefix(base, "crashinfo") || strings.HasPrefix(base, "core_") || strings.HasPrefix(base, "core.") ||
		strings.Contains(l, "/coredumpfsys/")
}
