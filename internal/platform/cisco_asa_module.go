package platform

import (
	"fmt"
	"strings"
)

// ASAModule is one module of Cisco ASA `show module`, merged from its
// tables (card, MAC / versions, status).
type ASAModule struct {
	Module   string `json:"module"` // 0, 1, sfr, ips, cxsc, ...
	CardType string `json:"card_type"`
	Model    string `json:"model"`
	Serial   string `json:"serial"`
	MAC      string `json:"mac_address"`
	Hardware string `json:"hw_version"`
	// Firmware is the Fw Version: on the system module (0 on 5512–5585, 1
	// on 5506/5508/5516) it is the ROMMON version.
	Firmware string `json:"fw_version"`
	Software string `json:"sw_version"`
	Status   string `json:"status"`
}

// ASAModules is the parsed `show module`, modules in first-table order.
type ASAModules struct {
	Modules []ASAModule `json:"modules"`
}

// System returns the system module: the first whose name is a number.
func (m ASAModules) System() (ASAModule, bool) {
	for _, mod := range m.Modules {
		if isDigits(mod.Module) {
			return mod, true
		}
	}
	return ASAModule{}, false
}

// asaModuleTables maps the header of each table to the fields its columns
// fill, after the Mod column.
var asaModuleTables = []struct {
	header string
	fields func(*ASAModule) []*string
}{
	{"Card Type", func(m *ASAModule) []*string { return []*string{&m.CardType, &m.Model, &m.Serial} }},
	{"MAC Address Range", func(m *ASAModule) []*string { return []*string{&m.MAC, &m.Hardware, &m.Firmware, &m.Software} }},
	{"Status", func(m *ASAModule) []*string { return []*string{&m.Status} }},
}

// ParseASAShowModule parses Cisco ASA `show module`. The tables are fixed
// width: the dashes under each header give the columns, and a value is what
// lies under its dashes (the last column runs to the end of the line).
// Tables other than the card, version and status ones are skipped.
func ParseASAShowModule(s string) (ASAModules, error) {
	var m ASAModules
	index := map[string]int{}
	table := -1
	var cols [][2]int
	pendingHeader := -1
	eachLine(s, func(line string) bool {
		line = limit(line)
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "Mod "):
			pendingHeader, table, cols = asaModuleHeader(t), -1, nil
		case pendingHeader >= 0 && t != "" && strings.Trim(t, "- ") == "":
			table, cols, pendingHeader = pendingHeader, dashColumns(line), -1
		case t == "":
			table, pendingHeader = -1, -1
		case table >= 0 && len(cols) >= 2:
			vals, ok := columnValues(line, cols)
			if !ok {
				return true // not aligned with its header: no value is trusted
			}
			name := field(vals[0])
			if name == "" {
				return true
			}
			i, ok := index[name]
			if !ok {
				if len(m.Modules) >= maxComponents {
					return true
				}
				i = len(m.Modules)
				index[name] = i
				m.Modules = append(m.Modules, ASAModule{Module: name})
			}
			for j, p := range asaModuleTables[table].fields(&m.Modules[i]) {
				if j+1 < len(vals) {
					*p = field(vals[j+1])
				}
			}
		}
		return true
	})
	if len(m.Modules) == 0 {
		if asaUnsupported(s) {
			return m, fmt.Errorf("parse show module: %w", ErrUnsupported)
		}
		return m, fmt.Errorf("parse show module: %w: no module table", ErrUnrecognized)
	}
	return m, nil
}

// asaModuleHeader returns which table a "Mod …" header starts, or -1.
func asaModuleHeader(t string) int {
	rest := strings.Join(strings.Fields(strings.TrimPrefix(t, "Mod ")), " ")
	for i, tb := range asaModuleTables {
		if strings.HasPrefix(rest, tb.header) {
			return i
		}
	}
	return -1
}

// dashColumns returns the [start, end) byte spans of the runs of dashes in
// line; the last span is open-ended (end -1).
func dashColumns(line string) [][2]int {
	var cols [][2]int
	for i := 0; i < len(line); {
		if line[i] != '-' {
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == '-' {
			j++
		}
		if len(cols) < 16 {
			cols = append(cols, [2]int{i, j})
		}
		i = j
	}
	if len(cols) > 0 {
		cols[len(cols)-1][1] = -1
	}
	return cols
}

// columnValues cuts line at the column spans: a column runs from the end of
// the previous one to the end of its dashes (so a value written left of
// its column's dashes stays whole), trimmed. A cut that falls inside a
// value means the row is not aligned with its header (a value shifted into
// its neighbour's column: "1.0  9.16(4)85" under "Fw Version  Sw Version"
// would tear into "9.16(" and "4)85"); then the rest of the row, from the
// torn column on, is split at runs of two or more spaces, and used only if
// that gives one value per remaining column. ok is false when neither
// reading is sound: the row's values are unknown.
func columnValues(line string, cols [][2]int) (_ []string, ok bool) {
	out := make([]string, len(cols))
	from := 0
	for i, c := range cols {
		end := c[1]
		if end < 0 || end > len(line) {
			end = len(line)
		}
		if from < end {
			out[i] = strings.TrimSpace(line[from:end])
		}
		if end > 0 && end < len(line) && line[end-1] != ' ' && line[end] != ' ' {
			rest, ok := spacedValues(line[from:], len(cols)-i)
			if !ok {
				return nil, false
			}
			return append(out[:i], rest...), true
		}
		from = max(from, end)
	}
	return out, true
}

// spacedValues splits line at runs of two or more spaces; ok only when
// that gives exactly n values.
func spacedValues(line string, n int) ([]string, bool) {
	var vals []string
	for f := range strings.SplitSeq(strings.TrimSpace(line), "  ") {
		if f = strings.TrimSpace(f); f != "" {
			vals = append(vals, f)
		}
	}
	if len(vals) != n {
		return nil, false
	}
	return vals, true
}
