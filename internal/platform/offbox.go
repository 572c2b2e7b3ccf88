package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// OffBox says how a platform's images are hashed off the box: which files,
// and where the device's SSH file servers serve them. A platform that
// cannot be hashed off the box says why in Unsupported, so the sweep
// reports it instead of hashing nothing.
type OffBox struct {
	// Unsupported is why the images cannot be streamed off the box; ""
	// when they can (then Files and Mounts are set).
	Unsupported string
	// Files returns the device paths to stream (running image, next-boot
	// entries), as the CLI names them, only plain local paths.
	Files func(f facts.Facts) []string
	// Mounts map each file system to its SFTP and SCP paths. A file on a
	// file system not listed is not streamed (RemotePath errors).
	Mounts []Mount
}

// Mount is where one CLI file system is served over SFTP and SCP.
type Mount struct {
	// FS is the file system as the CLI names it: a device ("bootflash:",
	// "flash:") or, on platforms whose CLI prints Unix paths, a directory
	// ending in "/" ("/var/tmp/").
	FS   string
	SFTP string // prefix the SFTP server wants: "bootflash:" or "/mnt/flash/"
	SCP  string // prefix `scp -f` wants
}

// Supported reports whether the platform's images can be hashed off the box.
func (o OffBox) Supported() bool { return o.Unsupported == "" && o.Files != nil }

// RemotePath maps a device path (flash:/EOS.swi, bootflash:x.bin,
// /var/tmp/x.tgz) to the path its SFTP and SCP servers serve it under
// (/mnt/flash/EOS.swi). A device file system matches case-insensitively,
// slashes after it are dropped; a directory mount matches a path below
// it. A path with ".." is never mapped.
func (o OffBox) RemotePath(path string) (sftp, scp string, err error) {
	if strings.Contains(path, "..") {
		return "", "", fmt.Errorf("off-box path %q: a path with .. is not streamed", path)
	}
	if strings.HasPrefix(path, "/") {
		for _, m := range o.Mounts {
			if rest, ok := strings.CutPrefix(path, m.FS); ok && strings.HasSuffix(m.FS, "/") && rest != "" {
				return m.SFTP + rest, m.SCP + rest, nil
			}
		}
		return "", "", fmt.Errorf("off-box path %q is in no directory served over SFTP/SCP (known: %s)", path, o.fileSystems())
	}
	fs, rest, ok := strings.Cut(path, ":")
	if !ok {
		return "", "", fmt.Errorf("off-box path %q names no file system", path)
	}
	rest = strings.TrimLeft(rest, "/")
	for _, m := range o.Mounts {
		if strings.EqualFold(m.FS, fs+":") {
			return m.SFTP + rest, m.SCP + rest, nil
		}
	}
	return "", "", fmt.Errorf("off-box path %q: file system %s: is not served over SFTP/SCP (known: %s)", path, fs, o.fileSystems())
}

func (o OffBox) fileSystems() string {
	fs := make([]string, len(o.Mounts))
	for i, m := range o.Mounts {
		fs[i] = m.FS
	}
	return strings.Join(fs, ", ")
}

// sameMounts serves every file system under its CLI name, as the SCP and
// SFTP servers of IOS, IOS XE and NX-OS do.
func sameMounts(fs ...string) []Mount {
	m := make([]Mount, len(fs))
	for i, f := range fs {
		m[i] = Mount{FS: f, SFTP: f, SCP: f}
	}
	return m
}

// localBootFiles are the running image and each boot entry that is a
// plain local file (localPath), normalized by clean, deduplicated, in
// order, at most maxFollowUps: the files a platform hashes on and off the
// box.
func localBootFiles(f facts.Facts, clean func(string) string) []string {
	var files []string
	seen := map[string]bool{}
	for _, p := range append([]string{f.Image}, f.Boot.System...) {
		if len(files) == maxFollowUps {
			break
		}
		if clean != nil {
			p = clean(p)
		}
		if !localPath(p) || seen[p] {
			continue
		}
		seen[p] = true
		files = append(files, p)
	}
	return files
}
