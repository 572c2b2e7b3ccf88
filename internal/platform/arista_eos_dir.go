package platform

import (
	"fmt"
	"strings"
)

// parseEOSDir parses Arista `dir flash:`:
//
//	Directory of flash:/
//	       -rwx   591941836            Aug 2  2017  EOS-4.18.3.1F.swi
//	       -rw-        1349              <no date>  running-config
//	3519041536 bytes total (1725112320 bytes free)
//
// Entries carry the prefix of their "Directory of" header (flash:/x);
// recursive listings (dir /recursive) keep each subdirectory's prefix.
func parseEOSDir(s string) (iosxeDir, error) {
	s = unwrap(s, dirContinues) // a pasted output: indented, wrapped at the terminal width
	var d iosxeDir
	prefix, recognized := "", false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		f := strings.Fields(t)
		switch {
		case strings.HasPrefix(t, "Directory of "):
			recognized = true
			prefix = strings.TrimSpace(t[len("Directory of "):])
			if !strings.HasSuffix(prefix, "/") {
				prefix += "/"
			}
		case strings.HasPrefix(t, "No files in directory"), strings.HasPrefix(t, "No space information"):
			recognized = true
		case strings.Contains(t, " bytes total ("):
			d.TotalBytes = atoi64(firstToken(t))
			d.FreeBytes = atoi64(firstToken(t[strings.Index(t, " bytes total (")+len(" bytes total ("):]))
		case len(f) >= 4 && len(f[0]) == 4 && strings.Trim(f[0][1:], "rwx-") == "" && isDigits(f[1]) && len(d.Entries) < maxFiles:
			rest := f[2:]
			switch {
			case len(rest) >= 2 && rest[0] == "<no" && rest[1] == "date>":
				rest = rest[2:]
			case len(rest) >= 4 && months[rest[0]]:
				rest = rest[3:]
			default:
				return true
			}
			if len(rest) == 0 {
				return true
			}
			d.Entries = append(d.Entries, dirEntry{Name: field(prefix + strings.Join(rest, " ")),
				Size: atoi64(f[1]), Perms: field(f[0]), IsDir: f[0][0] == 'd'})
		}
		return true
	})
	if !recognized {
		if unsupported(s) {
			return d, fmt.Errorf("parse eos dir: %w", ErrUnsupported)
		}
		return d, fmt.Errorf("parse eos dir: %w: no Directory of header", ErrUnrecognized)
	}
	return d, nil
}
