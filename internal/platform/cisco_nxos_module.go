package platform

import (
	"fmt"
	"slices"
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
// overflows its column moves the boundary to the end of the word. Saved
// outputs may be indented, double-spaced, wrapped at the terminal width
// (tableLines) or have lost the dash lines (the rows then give the columns,
// see rowStarts).
func ParseNXOSShowModule(s string) (nxosModules, error) {
	var m nxosModules
	index := map[string]int{}
	var header string
	var cols []string // column names of the current table; nil: not in a table
	var starts []int
	var pending []string // rows of a table whose dash line was lost
	flush := func() {
		if len(pending) > 0 {
			starts, cols = rowStarts(header, pending)
			for _, row := range pending {
				m.addRow(index, cols, splitColumns(row, starts))
			}
		}
		pending, header, cols = nil, "", nil
	}
	for _, line := range tableLines(s, nxosModuleStart) {
		switch {
		case len(pending) > 0 && leadingDigits(line):
			pending = append(pending, line)
		case len(pending) > 0:
			flush()
			if hasPrefixFold(line, "Mod ") {
				header = line
			}
		case isDashLine(line) && header != "":
			starts = dashStarts(line)
			cols = splitColumns(header, starts)
			header = ""
		case hasPrefixFold(line, "Mod "):
			cols, header = nil, line
		case header != "" && leadingDigits(line):
			pending = append(pending, line) // no dash line under the header (lost in a paste)
		case cols != nil:
			row := splitColumns(line, starts)
			if !isDigits(row[0]) {
				cols = nil
				continue
			}
			m.addRow(index, cols, row)
		default:
			header = ""
		}
	}
	flush()
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

// isDashLine reports whether line is only runs of '-' separated by blanks
// or '+' (Catalyst 4500 / 9000: "---+-----+------").
func isDashLine(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && strings.Trim(t, "-+ \t") == "" && strings.HasPrefix(t, "-")
}

// dashStarts returns where each run of dashes starts; a run after a '+'
// starts at the '+' (Catalyst prints its values from the separator on:
// "---+-----+" over "1   28   Cisco Catalyst 9500").
func dashStarts(line string) []int {
	var out []int
	for i := 0; i < len(line) && len(out) < 32; i++ {
		if line[i] == '-' && (i == 0 || line[i-1] != '-') {
			if i > 0 && line[i-1] == '+' {
				out = append(out, i-1)
			} else {
				out = append(out, i)
			}
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

// nxosModuleStart reports whether a line of show module starts a row
// ("27   0    Supervisor Module ..."), a header (Mod, Xbar) or the
// "* this terminal session" note.
func nxosModuleStart(t string) bool {
	return leadingDigits(t) || hasPrefixFold(t, "Mod ") || hasPrefixFold(t, "Xbar ") || strings.HasPrefix(t, "*")
}

// leadingDigits reports whether t starts with a number followed by a blank
// (and more: a lone number is the tail of a wrapped line, not a row).
func leadingDigits(t string) bool {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i < len(t) && (t[i] == ' ' || t[i] == '\t') && strings.TrimSpace(t[i:]) != ""
}

// wordStarts returns where each blank-separated word of a header starts.
func wordStarts(line string) []int {
	var out []int
	for i := 0; i < len(line) && len(out) < 32; i++ {
		if line[i] != ' ' && line[i] != '\t' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			out = append(out, i)
		}
	}
	return out
}

// rowStarts finds the columns of a table without its dash line: a cell
// starts at column 0 or after two or more blanks, and every row's cells
// start at their column (NX-OS left-aligns them). When the rows give as
// many columns as the header has words, those are the columns; else the
// header words' positions are (headers are not always aligned with their
// values: N9K prints "Module-Type" 12 columns right of its values). It
// returns the starts and the column names.
func rowStarts(header string, rows []string) ([]int, []string) {
	seen := map[int]bool{}
	for _, r := range rows {
		for i := 0; i < len(r); i++ {
			if r[i] != ' ' && (i == 0 || i >= 2 && r[i-1] == ' ' && r[i-2] == ' ') {
				seen[i] = true
			}
		}
	}
	words := wordStarts(header)
	if len(seen) != len(words) {
		return words, splitColumns(header, words)
	}
	out := make([]int, 0, len(seen))
	for i := range seen {
		out = append(out, i)
	}
	slices.Sort(out)
	return out, strings.Fields(header)
}
