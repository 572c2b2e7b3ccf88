package platform

import (
	"fmt"
	"strings"
)

// iosxePlatform is what `show platform` says: on routers the chassis type and
// a firmware table per slot (the Firmware Version column is that card's
// ROMMON), on Catalyst 9000 switches a table of stack members.
type iosxePlatform struct {
	Chassis  string           `json:"chassis,omitempty"`
	Firmware []slotFirmware   `json:"firmware,omitempty"`
	Switches []stackSwitchRow `json:"switches,omitempty"`
}

// slotFirmware is one row of the "Slot CPLD Version Firmware Version" table.
type slotFirmware struct {
	Slot     string `json:"slot"`
	CPLD     string `json:"cpld"`
	Firmware string `json:"firmware"`
}

// stackSwitchRow is one row of the Catalyst "Switch Ports Model Serial No." table.
type stackSwitchRow struct {
	Switch    string `json:"switch"`
	Model     string `json:"model"`
	Serial    string `json:"serial"`
	SWVersion string `json:"sw_version"`
}

// Bounds on what one output may add to the facts.
const (
	maxComponents  = 64
	maxFiles       = 1024
	maxBootEntries = 16
)

// parseIOSXEShowPlatform parses `show platform`. It fails with
// ErrUnrecognized when neither table nor the chassis line is found. A
// table runs from its header to the first line whose first word is not a
// slot or switch number; blank lines, indentation and lines wrapped at the
// terminal width (tableLines) do not end it.
func parseIOSXEShowPlatform(s string) (iosxePlatform, error) {
	var p iosxePlatform
	table := ""
	for _, line := range tableLines(s, platformStart) {
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case strings.HasPrefix(line, "Chassis type:") && p.Chassis == "":
			p.Chassis = field(firstToken(line[len("Chassis type:"):]))
		case f[0] == "Slot" && strings.Contains(line, "Firmware Version"):
			table = "firmware"
		case f[0] == "Switch" && strings.Contains(line, "Model") && strings.Contains(line, "Serial"):
			table = "switch"
		case strings.HasPrefix(f[0], "---"):
		case !slotName(f[0]):
			table = "" // a line that is no row ends the table
		case table == "firmware" && len(f) >= 3 && len(p.Firmware) < maxComponents:
			p.Firmware = append(p.Firmware, slotFirmware{Slot: field(f[0]), CPLD: field(f[1]), Firmware: field(strings.Join(f[2:], " "))})
		case table == "switch" && len(f) >= 7 && len(p.Switches) < maxComponents:
			p.Switches = append(p.Switches, stackSwitchRow{Switch: field(f[0]), Model: field(f[2]), Serial: field(f[3]), SWVersion: field(f[len(f)-1])})
		}
	}
	if p.Chassis == "" && len(p.Firmware) == 0 && len(p.Switches) == 0 {
		if unsupported(s) {
			return p, fmt.Errorf("parse show platform: %w", ErrUnsupported)
		}
		return p, fmt.Errorf("parse show platform: %w: no chassis, firmware or switch table", ErrUnrecognized)
	}
	return p, nil
}

// maxLine is how much of one line table parsers look at: real table rows are
// short, and splitting a hostile 1 MB line into words would only waste memory.
const maxLine = 4096

func limit(line string) string {
	if len(line) > maxLine {
		return line[:maxLine]
	}
	return line
}

// platformStart reports whether a line of show platform starts a header,
// the chassis line or a row.
func platformStart(t string) bool {
	f := firstToken(t)
	return f == "Slot" || strings.HasPrefix(f, "Switch") || strings.HasPrefix(t, "Chassis type:") || slotName(f)
}

// slotName reports whether w names a slot or stack member: 0, 0/0, R0, F0,
// P2, 1, *1 (the active switch), 1/0.
func slotName(w string) bool {
	w = strings.TrimPrefix(w, "*")
	if len(w) > 0 && w[0] >= 'A' && w[0] <= 'Z' {
		w = w[1:]
	}
	if w == "" || len(w) > 8 {
		return false
	}
	for part := range strings.SplitSeq(w, "/") {
		if part == "" || !isDigits(part) {
			return false
		}
	}
	return true
}
