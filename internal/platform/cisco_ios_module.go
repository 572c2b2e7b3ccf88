package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// IOSShowModule is the Catalyst `show module` command (classic IOS
// 6500 / 4500, IOS XE 9400 / 9500); parsed from saved outputs.
const IOSShowModule = "show module"

// CatModule is one module of Catalyst `show module`, joined by switch and
// module number across the card table and the MAC / Hw / Fw / Sw table.
type CatModule struct {
	Switch   string `json:"switch,omitempty"` // VSS member ("Switch Number: 2"); "" on a single chassis
	Module   string `json:"module"`
	Ports    string `json:"ports"`
	CardType string `json:"card_type"`
	Model    string `json:"model"`
	Serial   string `json:"serial"`
	Hw       string `json:"hw,omitempty"`
	Fw       string `json:"fw,omitempty"` // the module's boot firmware (ROMMON), as printed
	Sw       string `json:"sw,omitempty"`
	Status   string `json:"status,omitempty"`
}

// CatModules is the parsed Catalyst show module.
type CatModules struct {
	Chassis string      `json:"chassis,omitempty"` // Chassis Type
	Modules []CatModule `json:"modules"`
}

// ParseIOSShowModule parses Catalyst `show module`: fixed-width tables,
// each a "Mod ..." (or " M ...") header over a dash line that gives the
// columns ("--- -----" or "---+-----+"):
//
//	Mod Ports Card Type                              Model              Serial No.
//	  5    5  Supervisor Engine 2T 10GE w/ CTS (Acti VS-SUP2T-10G       SAL55555555
//	Mod MAC addresses                       Hw    Fw           Sw           Status
//	  5  eeee.eeee.0000 to eeee.eeee.ffff   1.5   12.2(50r)SYS 15.2(1)SY5   Ok
//
// The card table makes the modules; the Fw / Sw table fills them in. Other
// tables (sub-modules, redundancy, diagnostics) are skipped. Saved outputs
// may be indented, double-spaced or wrapped at the terminal width
// (tableLines). It fails with ErrUnrecognized when no card table is found.
func ParseIOSShowModule(s string) (CatModules, error) {
	var m CatModules
	index := map[string]int{}
	var header, sw string
	var cols []string
	var starts []int
	for _, line := range tableLines(s, catModuleStart) {
		t := strings.TrimSpace(line)
		switch {
		case hasPrefixFold(t, "Chassis Type") && strings.Contains(t, ":") && m.Chassis == "":
			m.Chassis = field(firstToken(t[strings.IndexByte(t, ':')+1:]))
		case strings.HasPrefix(t, "Switch Number:"):
			sw = field(firstToken(t[len("Switch Number:"):]))
			cols = nil
		case isDashLine(line) && header != "":
			starts = dashStarts(line)
			cols = splitColumns(header, starts)
			header = ""
		case hasPrefixFold(t, "Mod ") || strings.HasPrefix(t, "M ") || strings.HasPrefix(t, "Switch ") && strings.Contains(t, "Model"):
			cols, header = nil, line // "Switch Ports Model ...": a stack (C9200L) lists its members
		case cols != nil:
			row := splitColumns(line, starts)
			if !isDigits(row[0]) {
				cols = nil
				continue
			}
			m.addRow(index, sw, cols, row)
		default:
			header = ""
		}
	}
	if len(m.Modules) == 0 {
		if unsupported(s) {
			return m, fmt.Errorf("parse show module: %w", ErrUnsupported)
		}
		return m, fmt.Errorf("parse show module: %w: no Mod / Card Type table", ErrUnrecognized)
	}
	return m, nil
}

func (m *CatModules) addRow(index map[string]int, sw string, cols, row []string) {
	get := func(name string) string {
		for i, c := range cols {
			if strings.EqualFold(c, name) && i < len(row) {
				return field(row[i])
			}
		}
		return ""
	}
	mod := field(row[0])
	key := sw + "/" + mod
	if has(cols, "Card Type") || strings.EqualFold(cols[0], "Switch") && has(cols, "Model") {
		if _, dup := index[key]; dup || len(m.Modules) >= maxComponents {
			return
		}
		index[key] = len(m.Modules)
		m.Modules = append(m.Modules, CatModule{Switch: sw, Module: mod, Ports: get("Ports"), CardType: get("Card Type"),
			Model: get("Model"), Serial: get("Serial No."), Hw: get("Hw Ver."), Sw: get("Sw Ver.")})
		return
	}
	i, ok := index[key]
	if !ok || !has(cols, "Fw") {
		return
	}
	x := &m.Modules[i]
	x.Hw, x.Fw, x.Sw, x.Status = get("Hw"), get("Fw"), get("Sw"), get("Status")
}

// catModuleStart reports whether a line of show module starts a row, a
// header or a chassis / switch line (for tableLines).
func catModuleStart(t string) bool {
	return leadingDigits(t) || hasPrefixFold(t, "Mod ") || strings.HasPrefix(t, "M ") || hasPrefixFold(t, "Chassis") ||
		strings.HasPrefix(t, "Switch") || strings.HasPrefix(t, "Power")
}

// BootFirmware returns each module's Fw as a component ("module 5", or
// "switch 2 module 3" on VSS), at most maxComponents.
func (m CatModules) BootFirmware(origin string) []facts.Component {
	var out []facts.Component
	for _, x := range m.Modules {
		if x.Fw == "" || len(out) == maxComponents {
			continue
		}
		name := "module " + x.Module
		if x.Switch != "" {
			name = "switch " + x.Switch + " " + name
		}
		out = append(out, facts.Component{Name: field(name), Version: x.Fw, Source: facts.SourceCLI, Origin: origin})
	}
	return out
}
