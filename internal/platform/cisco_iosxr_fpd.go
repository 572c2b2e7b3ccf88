package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// xrFPD is one field-programmable device of one location.
type xrFPD struct {
	Location   string `json:"location"`   // 0/RP0/CPU0
	CardType   string `json:"card_type"`  // NCS-55A1-24H
	Device     string `json:"device"`     // Bios, BiosGolden, Rommon, rommonA, IOFPGA...
	Attributes string `json:"attributes"` // B golden, P protect, S secure, A anti-theft
	Status     string `json:"status"`     // CURRENT, NEED UPGD, RLOAD REQ...
	Running    string `json:"running"`    // running version ("" on golden rows)
	Programmed string `json:"programmed"` // programmed version
}

// xrFPDTable is the parsed `show hw-module fpd`.
type xrFPDTable struct {
	FPDs []xrFPD `json:"fpds"`
}

// BootFirmware returns the boot-firmware FPDs (names containing bios or
// rommon, golden copies included) as components named "<location> <device>",
// with the running version, else the programmed one.
func (t xrFPDTable) BootFirmware(origin string) []facts.Component {
	var out []facts.Component
	for _, d := range t.FPDs {
		name := strings.ToLower(d.Device)
		v := nonEmpty(d.Running, d.Programmed)
		if v == "" || !(strings.Contains(name, "bios") || strings.Contains(name, "rommon")) {
			continue
		}
		out = append(out, facts.Component{Name: field(d.Location + " " + d.Device), Version: v,
			Source: facts.SourceCLI, Origin: origin})
	}
	return out
}

var xrFPDStatus = map[string]int{"CURRENT": 1, "NEED": 2, "RLOAD": 2, "RELOAD": 2, "UPGD": 2, "NOT": 2,
	"RELOAD_REQ": 1, "N/A": 1, "BACK": 2, "ERROR": 1, "FAILED": 1}

// parseIOSXRFPD parses `show hw-module fpd` (eXR / XR7):
//
//	Location   Card type         HWver FPD device  ATR Status   Running Programd Reload Loc
//	0/RP0/CPU0 NCS1010-CTR2-B-K9 0.1   BIOS        S   CURRENT  5.20    5.20     0/RP0
//	0/RP0/CPU0 NCS1010-CTR2-B-K9 0.1   BIOS-Golden BS  CURRENT           1.90    0/RP0
//
// The versions are told apart by the column they start in (golden rows
// have no running version), so the header must precede the rows.
// At most maxComponents rows are kept.
func parseIOSXRFPD(s string) (xrFPDTable, error) {
	var t xrFPDTable
	progCol, header := -1, false
	for _, line := range tableLines(s, fpdStart) { // indented, double-spaced or terminal-wrapped pastes
		f := strings.Fields(line)
		switch {
		case strings.Contains(line, "FPD device") && strings.Contains(line, "Running"):
			header, progCol = true, strings.Index(line, "Programd")
		case header && len(f) >= 6 && strings.Count(f[0], "/") >= 1 && len(t.FPDs) < maxComponents:
			if d, ok := parseFPDRow(line, f, progCol); ok {
				t.FPDs = append(t.FPDs, d)
			}
		}
	}
	if !header {
		if unsupported(s) {
			return t, fmt.Errorf("parse ios xr show hw-module fpd: %w", ErrUnsupported)
		}
		return t, fmt.Errorf("parse ios xr show hw-module fpd: %w: no FPD table header", ErrUnrecognized)
	}
	return t, nil
}

// parseFPDRow reads location, card type, HW version and device, optional
// attribute codes, a one- or two-word status, then up to two versions
// placed by their column: at or after the Programd column is programmed.
func parseFPDRow(line string, f []string, progCol int) (xrFPD, bool) {
	d := xrFPD{Location: field(f[0]), CardType: field(f[1]), Device: field(f[3])}
	i := 4
	if _, ok := xrFPDStatus[f[i]]; !ok && len(f[i]) <= 4 && strings.Trim(f[i], "BPSA") == "" {
		d.Attributes = field(f[i])
		i++
	}
	if i >= len(f) {
		return d, false
	}
	words, ok := xrFPDStatus[f[i]]
	if !ok {
		return d, false
	}
	if words == 2 && i+1 < len(f) {
		d.Status = field(f[i] + " " + f[i+1])
	} else {
		d.Status, words = field(f[i]), 1
	}
	i += words
	off := 0
	for k := 0; k < i; k++ { // find where f[i] starts in line
		off = strings.Index(line[off:], f[k]) + off + len(f[k])
	}
	for ; i < len(f); i++ {
		pos := strings.Index(line[off:], f[i]) + off
		off = pos + len(f[i])
		if f[i] == "" || f[i][0] < '0' || f[i][0] > '9' || strings.Contains(f[i], "/") {
			break // the Reload Loc column
		}
		if progCol >= 0 && pos >= progCol-1 || d.Running != "" {
			d.Programmed = field(f[i])
		} else {
			d.Running = field(f[i])
		}
	}
	return d, true
}

// fpdStart reports whether a line of show hw-module fpd starts a row (a
// location), the header or a banner line (for tableLines).
func fpdStart(t string) bool {
	first := firstToken(t)
	return strings.Contains(first, "/") || strings.Contains(t, "FPD device") || strings.Contains(t, "FPD Versions") ||
		strings.HasPrefix(t, "=") || strings.HasPrefix(t, "Auto-upgrade") || strings.HasPrefix(t, "Attribute codes") ||
		strings.HasPrefix(t, "Location")
}
