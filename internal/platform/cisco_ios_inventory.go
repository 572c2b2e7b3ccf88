package platform

import (
	"fmt"
	"slices"
	"strings"
)

// inventoryItem is one entry of Cisco `show inventory` (IOS, IOS XE, NX-OS,
// IOS XR share the shape):
//
//	NAME: "Chassis",  DESCR: "Nexus9000 C9396PX Chassis"
//	PID: N9K-C9396PX         ,  VID: V02 ,  SN: SAL1819S6LU
type inventoryItem struct {
	Name  string `json:"name"`
	Descr string `json:"descr"`
	PID   string `json:"pid"`
	VID   string `json:"vid"`
	SN    string `json:"sn"`
}

// ciscoInventory is the parsed `show inventory`.
type ciscoInventory struct {
	Items []inventoryItem `json:"items"`
}

// Chassis returns the chassis entry: the first whose name contains
// "Chassis" or "Rack 0", else the first entry.
func (inv ciscoInventory) Chassis() (inventoryItem, bool) {
	for _, it := range inv.Items {
		if strings.Contains(strings.ToLower(it.Name), "chassis") || it.Name == "Rack 0" {
			return it, true
		}
	}
	if len(inv.Items) > 0 {
		return inv.Items[0], true
	}
	return inventoryItem{}, false
}

// ParseCiscoInventory parses `show inventory`. At most maxComponents items
// are kept.
func ParseCiscoInventory(s string) (ciscoInventory, error) {
	s = unwrap(s, inventoryContinues) // a pasted output: indented, wrapped at the terminal width
	var inv ciscoInventory
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		switch {
		case strings.HasPrefix(t, "NAME:") || strings.HasPrefix(t, "Name:"):
			if len(inv.Items) == maxComponents {
				return false
			}
			kv := keyedValues(t, "NAME:", "Name:", "DESCR:", "Descr:")
			inv.Items = append(inv.Items, inventoryItem{
				Name: field(nonEmpty(kv["NAME:"], kv["Name:"])), Descr: field(nonEmpty(kv["DESCR:"], kv["Descr:"]))})
		case strings.HasPrefix(t, "PID:") && len(inv.Items) > 0:
			it := &inv.Items[len(inv.Items)-1]
			kv := keyedValues(t, "PID:", "VID:", "SN:")
			it.PID, it.VID, it.SN = field(kv["PID:"]), field(kv["VID:"]), field(kv["SN:"])
		}
		return true
	})
	if len(inv.Items) == 0 {
		if unsupported(s) {
			return inv, fmt.Errorf("parse show inventory: %w", ErrUnsupported)
		}
		return inv, fmt.Errorf("parse show inventory: %w: no NAME line", ErrUnrecognized)
	}
	return inv, nil
}

// keyedValues splits `NAME: "a, b",  DESCR: "c"` or `Name: a   Descr: c`
// into values by key: each value runs to the next key, with quotes,
// surrounding spaces and a trailing comma removed.
func keyedValues(t string, keys ...string) map[string]string {
	type pos struct {
		key string
		at  int
	}
	var ps []pos
	for _, k := range keys {
		if i := indexKey(t, k); i >= 0 {
			ps = append(ps, pos{k, i})
		}
	}
	slices.SortFunc(ps, func(a, b pos) int { return a.at - b.at })
	out := map[string]string{}
	for i, p := range ps {
		end := len(t)
		if i+1 < len(ps) {
			end = ps[i+1].at
		}
		v := strings.TrimSpace(t[p.at+len(p.key) : end])
		v = strings.TrimSpace(strings.TrimSuffix(v, ","))
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = v[1 : len(v)-1]
		}
		out[p.key] = v
	}
	return out
}

// indexKey finds key at the start of t or after a space or comma, outside
// double quotes.
func indexKey(t, key string) int {
	inQuote := false
	for i := 0; i < len(t); i++ {
		if t[i] == '"' {
			inQuote = !inQuote
			continue
		}
		if !inQuote && strings.HasPrefix(t[i:], key) && (i == 0 || t[i-1] == ' ' || t[i-1] == ',') {
			return i
		}
	}
	return -1
}

// inventoryContinues: a NAME: or PID: line wrapped at the terminal width
// continues on a line that starts neither.
func inventoryContinues(line, next string) bool {
	key := func(l string) bool {
		l = strings.TrimSpace(l)
		return strings.HasPrefix(l, "NAME:") || strings.HasPrefix(l, "Name:") || strings.HasPrefix(l, "PID:")
	}
	return key(line) && !key(next)
}
