package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// NXOSModule is one module of NX-OS `show module`, joined by module number
// across the status, version and serial tables.
type NXOSModule struct {
	Module string `json:"module"`
	Ports  string `json:"ports"`
	Type   string `json:"type"`
	Model  string `json:"model"`            // "" when the module does not report one (powered-up)
	Status string `json:"status"`           // as printed: ok, active *, ha-standby, powered-dn, ...
	Sw     string `json:"sw,omitempty"`     // NX-OS version the module runs; NA for fabric cards on N7K
	Hw     string `json:"hw,omitempty"`     // hardware revision
	Slot   string `json:"slot,omitempty"`   // LC1, SUP1, FM2 (N9K)
	Serial string `json:"serial,omitempty"` // Serial-Num
}

// nxosModules is `show module`.
type nxosModules struct {
	Modules []NXOSModule `json:"modules"`
}

// ActiveSupervisor returns the module this session runs on ("active *"),
// else the first active module whose type names a supervisor.
func (m nxosModules) ActiveSupervisor() (NXOSModule, bool) {
	for _, x := range m.Modules {
		if strings.HasPrefix(x.Status, "active") && strings.HasSuffix(x.Status, "*") {
			return x, true
		}
	}
	for _, x := range m.Modules {
		if strings.HasPrefix(x.Status, "active") && strings.Contains(x.Type, "Supervisor") {
			return x, true
		}
	}
	return NXOSModule{}, false
}

// ParseNXOSShowModule parses NX-OS `show module`: fixed-width tables, each a
// "Mod ..." header over a dash line that gives the column spans:
//
//	Mod  Ports  Module-Type                      Model              Status
//	---  -----  -------------------------------- ------------------ ------------
//	5    0      Supervisor Module-2              N7K-SUP1           active *
//	Mod  Sw              Hw
//	Mod  MAC-Address(es)                         Serial-Num
//
// Rows of the Module-Type table make the modules; the Sw / Hw / Slot and
// Serial-Num tables fill them in by module number. Other tables (power,
// diagnostics) and the Xbar tables of the N7K are skipped. A value that
// overflows its column moves the boundary to the end of the word.
func ParseNXOSShowModule(s string) (nxosModules, error) {
	var m nxosModules
	index := map[string]int{}
	var header string
	var cols []string // column names of the current table; nil: not in a table
	var starts []int
	eachLine(s, func(line string) bool {
		line = strings.TrimRight(limit(line), " \t")
		switch {
		case strings.TrimSpace(line) == "":
			cols, header = nil, ""
		case isDashLine(line) && header != "":
			starts = dashStarts(line)
			cols = splitColumns(header, starts)
			header = ""
		case hasPrefixFold(line, "Mod "):
			cols, header = nil, line
		case cols != nil:
			row := splitColumns(line, starts)
			if !isDigits(row[0]) {
				cols = nil
				return true
			}
			m.addRow(index, cols, row)
		default:
			header = ""
		}
		return true
	})
	if len(m.Modules) == 0 {
		if nxosUnsupported(s) {
			return m, fmt.Errorf("parse nx-os show module: %w", ErrUnsupported)
		}
		return m, fmt.Errorf("parse nx-os show module: %w: no Mod / Module-Type table", ErrUnrecognized)
	}
	return m, nil
}

// addRow adds a Module-Type row as a module, or fills the module a version
// or serial row names.
func (m *nxosModules) addRow(index map[string]int, cols, row []string) {
	get := func(name string) string {
		for i, c := range cols {
			if strings.EqualFold(c, name) && i < len(row) {
				return field(row[i])
			}
		}
		return ""
	}
	mod := field(row[0])
	if has(cols, "Module-Type") {
		if _, dup := index[mod]; dup || len(m.Modules) >= maxComponents {
			return
		}
		index[mod] = len(m.Modules)
		m.Modules = append(m.Modules, NXOSModule{Module: mod, Ports: get("Ports"), Type: get("Module-Type"),
			Model: get("Model"), Status: get("Status")})
		return
	}
	i, ok := index[mod]
	if !ok {
		return
	}
	x := &m.Modules[i]
	switch {
	case has(cols, "Sw"):
		x.Sw, x.Hw, x.Slot = get("Sw"), get("Hw"), get("Slot")
	case has(cols, "Serial-Num"):
		x.Serial = get("Serial-Num")
	}
}

func has(cols []string, name string) bool {
	for _, c := range cols {
		if strings.EqualFold(c, name) {
			return true
		}
	}
	return false
}

// isDashLine reports whether line is only runs of '-' separated by blanks.
func isDashLine(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && strings.Trim(t, "- \t") == "" && strings.HasPrefix(t, "-")
}

// dashStarts returns where each run of dashes starts.
func dashStarts(line string) []int {
	var out []int
	for i := 0; i < len(line) && len(out) < 32; i++ {
		if line[i] == '-' && (i == 0 || line[i-1] != '-') {
			out = append(out, i)
		}
	}
	return out
}

// splitColumns cuts line at the column starts; a boundary that falls inside
// a word moves to the end of that word (a value wider than its column).
// The last column runs to the end of the line. Cells are trimmed; there is
// one cell per column.
func splitColumns(line string, starts []int) []string {
	cells := make([]string, len(starts))
	from := 0
	for i := range starts {
		to := len(line)
		if i+1 < len(starts) {
			to = min(max(starts[i+1], from), len(line))
			for to > 0 && to < len(line) && line[to-1] != ' ' && line[to] != ' ' {
				to++
			}
		}
		cells[i] = strings.TrimSpace(line[from:to])
		from = to
	}
	return cells
}

// nxosSupervisor fills the model and serial from the active supervisor of
// show module when show inventory gave no chassis, but only where that
// module is the chassis: a fixed switch's module 1 (N9K-C93180YC-FX, whose
// show version platform is C93180YC-FX) or when show version gave no
// platform. On a modular chassis the supervisor (N9K-SUP-A) is not the
// model a baseline names, so show version's platform stays.
func nxosSupervisor(f *facts.Facts, m nxosModules) {
	sup, ok := m.ActiveSupervisor()
	if !ok || sup.Model == "" {
		return
	}
	if f.Model != "" && !strings.EqualFold(sup.Model, f.Model) && !hasSuffixFold(sup.Model, "-"+f.Model) {
		return
	}
	f.Model, f.Serial = sup.Model, nonEmpty(sup.Serial, f.Serial)
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
