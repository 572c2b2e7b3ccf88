package platform

import (
	"fmt"
	"strings"
)

// parseNXOSDir parses NX-OS `dir bootflash:`:
//
//	  1410981963    Jul 13 10:05:48 2018  aci-n9000-dk9.13.1.2p.bin
//	       4096    Sep 22 15:27:34 2019  .rpmstore/
//	Usage for bootflash://sup-local
//	 1200 bytes used / 2000 bytes free / 3200 bytes total (one per line)
//
// Names ending in "/" are directories. Entries get the "bootflash:" prefix
// (from the Usage line when printed, else "bootflash:").
func parseNXOSDir(s string) (iosxeDir, error) {
	s = unwrap(s, dirContinues) // a pasted output: indented, wrapped at the terminal width
	var d iosxeDir
	var entries []dirEntry
	fs, recognized := "bootflash:", false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		f := strings.Fields(t)
		switch {
		case strings.HasPrefix(t, "Usage for "):
			recognized = true
			if i := strings.Index(t, "://"); i > len("Usage for ") {
				fs = field(t[len("Usage for ") : i+1])
			}
		case len(f) >= 3 && isDigits(f[0]) && f[1] == "bytes":
			recognized = true
			switch f[2] {
			case "total":
				d.TotalBytes = atoi64(f[0])
			case "free":
				d.FreeBytes = atoi64(f[0])
			}
		case len(f) >= 6 && isDigits(f[0]) && months[f[1]] && strings.Contains(f[3], ":") && isDigits(f[4]) && len(entries) < maxFiles:
			name := strings.Join(f[5:], " ")
			entries = append(entries, dirEntry{Name: name, Size: atoi64(f[0]), IsDir: strings.HasSuffix(name, "/")})
		}
		return true
	})
	if !recognized && len(entries) == 0 {
		if nxosUnsupported(s) {
			return d, fmt.Errorf("parse nx-os dir: %w", ErrUnsupported)
		}
		return d, fmt.Errorf("parse nx-os dir: %w: no file or usage line", ErrUnrecognized)
	}
	for i := range entries {
		entries[i].Name = field(fs + entries[i].Name)
	}
	d.Entries = entries
	return d, nil
}
