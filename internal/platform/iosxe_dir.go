package platform

import (
	"fmt"
	"strconv"
	"strings"

	"fwaudit/internal/facts"
)

// iosxeDir is what `dir <fs>:` says.
type iosxeDir struct {
	Entries    []dirEntry `json:"entries"`
	TotalBytes int64      `json:"total_bytes"`
	FreeBytes  int64      `json:"free_bytes"`
}

// dirEntry is one line of a directory listing. Name carries the prefix of
// the "Directory of" header above it: bootflash:x.bin, bootflash:/sub/y.
type dirEntry struct {
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	Perms string `json:"perms"`
	IsDir bool   `json:"is_dir"`
}

// Files returns the non-directory entries as facts.
func (d iosxeDir) Files() []facts.File {
	var out []facts.File
	for _, e := range d.Entries {
		if !e.IsDir {
			out = append(out, facts.File{Name: e.Name, Size: e.Size})
		}
	}
	return out
}

// parseIOSXEDir parses `dir bootflash:` lines such as
// "   11  -rw-   497494797  Nov 20 2025 10:01:22 +00:00  x.bin" under a
// "Directory of bootflash:/" header. At most maxFiles entries are kept.
func parseIOSXEDir(s string) (iosxeDir, error) {
	s = unwrap(s, dirContinues) // a pasted output: indented, wrapped at the terminal width
	var d iosxeDir
	prefix, recognized := "", false
	eachLine(s, func(line string) bool {
		line = limit(line)
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "Directory of "):
			prefix, recognized = dirPrefix(t[len("Directory of "):]), true
		case strings.HasPrefix(t, "No files in directory"):
			recognized = true
		case strings.Contains(t, " bytes total ("):
			d.TotalBytes = atoi64(firstToken(t))
			if i := strings.Index(t, " bytes total ("); i >= 0 {
				d.FreeBytes = atoi64(firstToken(t[i+len(" bytes total ("):]))
			}
		case len(d.Entries) < maxFiles:
			if e, ok := parseDirLine(t, prefix); ok {
				d.Entries = append(d.Entries, e)
			}
		}
		return true
	})
	if !recognized && len(d.Entries) == 0 {
		if unsupported(s) {
			return d, fmt.Errorf("parse dir: %w", ErrUnsupported)
		}
		return d, fmt.Errorf("parse dir: %w: no Directory of header", ErrUnrecognized)
	}
	return d, nil
}

// dirPrefix turns "bootflash:/" into "bootflash:" and "bootflash:/sub" into
// "bootflash:/sub/". A header that does not look like a file system path
// (spaces, control or non-ASCII characters, longer than 64 bytes) gives "".
func dirPrefix(s string) string {
	if len(s) == 0 || len(s) > 64 || !strings.Contains(s, ":") {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return ""
		}
	}
	if strings.HasSuffix(s, ":/") {
		return s[:len(s)-1]
	}
	if !strings.HasSuffix(s, ":") && !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

var months = map[string]bool{"Jan": true, "Feb": true, "Mar": true, "Apr": true, "May": true, "Jun": true,
	"Jul": true, "Aug": true, "Sep": true, "Oct": true, "Nov": true, "Dec": true}

// parseDirLine reads "inode perms size Mon D YYYY HH:MM:SS [+TZ] name" (the
// perms column may contain spaces: "-rw  -") and "inode perms size <no date> name".
func parseDirLine(t, prefix string) (dirEntry, bool) {
	f := strings.Fields(t)
	if len(f) < 5 || !isDigits(f[0]) {
		return dirEntry{}, false
	}
	for k := 3; k < len(f); k++ {
		if !isDigits(f[k-1]) {
			continue
		}
		next := 0
		switch {
		case months[f[k]] && k+3 < len(f) && strings.Contains(f[k+3], ":"):
			next = k + 4
			if next < len(f) && (f[next][0] == '+' || f[next][0] == '-') && strings.Contains(f[next], ":") {
				next++
			}
		case f[k] == "<no" && k+1 < len(f) && f[k+1] == "date>":
			next = k + 2
		default:
			continue
		}
		size, err := strconv.ParseInt(f[k-1], 10, 64)
		if err != nil || next >= len(f) {
			return dirEntry{}, false
		}
		perms := strings.Join(f[1:k-1], " ")
		name := field(prefix + strings.Join(f[next:], " "))
		return dirEntry{Name: name, Size: size, Perms: field(perms), IsDir: strings.HasPrefix(perms, "d")}, name != ""
	}
	return dirEntry{}, false
}

func atoi64(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// dirContinues: a directory entry wrapped at the terminal width (a long
// file name) continues on a line that is no entry, header or trailer.
func dirContinues(line, next string) bool {
	return dirEntryLine(line) && !dirEntryLine(next) && !dirOtherLine(next)
}

// dirEntryLine reports whether one of the first three words of line is a
// permission string (-rw-, drwx, -rw-r--r--): an entry of IOS, NX-OS
// (no permissions: a size then a date), EOS or Junos listings.
func dirEntryLine(line string) bool {
	f := strings.Fields(line)
	for i := 0; i < min(3, len(f)); i++ {
		w := f[i]
		if len(w) >= 4 && (w[0] == '-' || w[0] == 'd' || w[0] == 'l') && strings.Trim(w[1:], "rwxsStT-") == "" {
			return true
		}
	}
	if len(f) >= 3 && isDigits(f[0]) && (f[1][0] == '-' || f[1][0] == 'd') {
		return true // IOS "519171  -rw -  5681": the permissions may hold a blank
	}
	return len(f) >= 4 && isDigits(f[0]) && len(f[1]) == 3 && isDigits(strings.TrimSuffix(f[2], ",")) // NX-OS: size Mon DD
}

// dirOtherLine reports whether line is a directory listing's header or
// trailer.
func dirOtherLine(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "Directory of") || strings.Contains(t, "bytes") || strings.HasSuffix(t, ":") ||
		strings.HasPrefix(t, "total") || strings.HasPrefix(t, "Usage for")
}
