package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// junosFirmwareRow is one (part, type) row of `show chassis firmware`.
type junosFirmwareRow struct {
	Part    string `json:"part"`    // FPC 0, Routing Engine 0 (filled down on continuation rows)
	Type    string `json:"type"`    // ROM, O/S, U-Boot, uboot, loader, ...
	Version string `json:"version"` // version word, or the text when it has none ("PC Bios")
	Text    string `json:"text"`    // the version column as printed
}

// junosFirmware is the parsed `show chassis firmware`.
type junosFirmware struct {
	Rows []junosFirmwareRow `json:"rows"`
}

var junosFirmwareTypes = map[string]bool{"rom": true, "o/s": true, "u-boot": true, "uboot": true,
	"loader": true, "fpga": true, "cpld": true, "bios": true}

// bootTypes are the firmware types that run before Junos.
var junosBootTypes = map[string]bool{"rom": true, "u-boot": true, "uboot": true, "loader": true, "bios": true}

// BootFirmware returns the boot-firmware rows as components: ROM rows are
// named after the part ("FPC 0"), other boot types "<part> <type>". The
// first row per name wins, at most maxComponents.
func (fw junosFirmware) BootFirmware(origin string) []facts.Component {
	var out []facts.Component
	seen := map[string]bool{}
	for _, r := range fw.Rows {
		if !junosBootTypes[strings.ToLower(r.Type)] || r.Version == "" {
			continue
		}
		name := r.Part
		if !strings.EqualFold(r.Type, "ROM") {
			name = field(r.Part + " " + r.Type)
		}
		if seen[name] || len(out) == maxComponents {
			continue
		}
		seen[name] = true
		out = append(out, facts.Component{Name: name, Version: r.Version, Source: facts.SourceCLI, Origin: origin})
	}
	return out
}

// ParseJunosFirmware parses `show chassis firmware`:
//
//	Part                     Type       Version
//	FPC 2                    ROM        Juniper ROM Monitor Version 8.0b29
//	                         O/S        Version 8.2B1 by builder on 2006-10-18 16:2
//
// A row is the part (several words, empty on continuation rows), a known
// type word, then the version text; "Version X" gives X (a glued
// "Copyright" is cut), U-Boot rows give the word after "U-Boot".
// At most maxFiles rows are kept.
func ParseJunosFirmware(s string) (junosFirmware, error) {
	s = unwrap(s, junosFirmwareContinues) // a pasted output: indented, wrapped at the terminal width
	var fw junosFirmware
	part, recognized := "", false
	eachLine(s, func(line string) bool {
		line = limit(line)
		f := strings.Fields(line)
		if len(f) == 0 || len(fw.Rows) == maxFiles {
			return len(fw.Rows) < maxFiles
		}
		if f[0] == "Part" || f[0] == "part" {
			recognized = true
			return true
		}
		ti := -1
		for i, w := range f {
			if junosFirmwareTypes[strings.ToLower(w)] {
				ti = i
				break
			}
		}
		if ti < 0 {
			return true
		}
		if line[0] != ' ' && line[0] != '\t' {
			part = strings.Join(f[:ti], " ")
		} else if ti > 0 {
			return true
		}
		if part == "" {
			return true
		}
		recognized = true
		text := strings.Join(f[ti+1:], " ")
		fw.Rows = append(fw.Rows, junosFirmwareRow{Part: field(part), Type: field(f[ti]),
			Version: field(junosFirmwareVersion(text)), Text: field(text)})
		return true
	})
	if !recognized {
		if junosUnsupported(s) {
			return fw, fmt.Errorf("parse junos show chassis firmware: %w", ErrUnsupported)
		}
		return fw, fmt.Errorf("parse junos show chassis firmware: %w: no Part header or firmware row", ErrUnrecognized)
	}
	return fw, nil
}

// junosFirmwareVersion reads the version out of the Version column:
// "Juniper ROM Monitor Version 8.0b29" gives 8.0b29; a boot loader
// ("FreeBSD/PowerPC U-Boot bootstrap loader 2.2") its last word; a U-Boot
// row ("U-Boot 1.1.6 (Mar 25 2009 - 06:13:12) 2.4.0") the Juniper build
// after the date when printed (2.4.0 and 3.1.0 are different builds of the
// same U-Boot 1.1.6), else the U-Boot version.
func junosFirmwareVersion(text string) string {
	if strings.HasSuffix(text, " Version") || text == "Version" {
		return "" // the number is blanked: no version, not the words before it
	}
	if i := strings.LastIndex(text, "Version "); i >= 0 {
		v := firstToken(text[i+len("Version "):])
		if j := strings.Index(v, "Copy"); j > 0 {
			v = v[:j]
		}
		return v
	}
	f := strings.Fields(text)
	if strings.Contains(text, "loader") && len(f) > 0 && startsWithDigit(f[len(f)-1]) {
		return f[len(f)-1]
	}
	if i := strings.Index(text, "U-Boot "); i >= 0 {
		rest := text[i+len("U-Boot "):]
		if j := strings.LastIndexByte(rest, ')'); j >= 0 && startsWithDigit(strings.TrimSpace(rest[j+1:])) {
			return firstToken(rest[j+1:])
		}
		return firstToken(rest)
	}
	return text
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// junosFirmwareContinues: a firmware row wrapped at the terminal width
// continues on a line with no firmware type word, header or member line.
func junosFirmwareContinues(line, next string) bool {
	row := func(l string) bool {
		f := strings.Fields(l)
		if len(f) == 0 || f[0] == "Part" || strings.HasSuffix(l, ":") || strings.HasPrefix(f[0], "---") {
			return true
		}
		for _, w := range f {
			if junosFirmwareTypes[strings.ToLower(w)] {
				return true
			}
		}
		return false
	}
	return row(line) && !row(next)
}
