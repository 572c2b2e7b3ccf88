package inventory

import (
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
)

var (
	// ErrBadFilter means a --filter expression could not be parsed.
	ErrBadFilter = errors.New("bad filter")
	// ErrNoMatch means a device name, glob or filter matched no device.
	ErrNoMatch = errors.New("no matching device")
)

// Filter selects devices by attribute: key → accepted values (path.Match
// globs). Values of one key are ORed, different keys are ANDed.
type Filter map[string][]string

var filterKeys = []string{"address", "name", "platform", "role", "site", "tag"}

// ParseFilter parses "site=dc1,role=core,tag=pci". Keys: name, site, role,
// platform, tag, address. An empty string is an empty filter.
func ParseFilter(s string) (Filter, error) {
	f := Filter{}
	if strings.TrimSpace(s) == "" {
		return f, nil
	}
	for pair := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch {
		case !ok || k == "" || v == "":
			return nil, fmt.Errorf("%w: %s: want key=value", ErrBadFilter, quote(pair))
		case !slices.Contains(filterKeys, k):
			return nil, fmt.Errorf("%w: %s: unknown key %s (known: %s)", ErrBadFilter, quote(pair), quote(k), strings.Join(filterKeys, ", "))
		}
		if _, err := path.Match(v, ""); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrBadFilter, quote(pair), err)
		}
		f[k] = append(f[k], v)
	}
	return f, nil
}

// String formats f as ParseFilter reads it, keys sorted.
func (f Filter) String() string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(f)) {
		for _, v := range f[k] {
			parts = append(parts, k+"="+v)
		}
	}
	return strings.Join(parts, ",")
}

// Match reports whether d passes the filter.
func (f Filter) Match(d Device) bool {
	for k, pats := range f {
		var vals []string
		switch k {
		case "name":
			vals = []string{d.Name}
		case "site":
			vals = []string{d.Site}
		case "role":
			vals = []string{d.Role}
		case "platform":
			vals = []string{d.Platform}
		case "address":
			vals = []string{d.Address}
		case "tag":
			vals = d.Tags
		default:
			return false
		}
		if !anyMatch(pats, vals) {
			return false
		}
	}
	return true
}

func anyMatch(pats, vals []string) bool {
	for _, p := range pats {
		for _, v := range vals {
			if ok, _ := path.Match(p, v); ok {
				return true
			}
		}
	}
	return false
}

// Select returns the devices named by names (exact names or path.Match
// globs) that pass f, in inventory order. No names means every device. A
// name or glob that matches nothing, or a filter that leaves nothing, is an
// ErrNoMatch error: a typo must not silently audit nothing.
func (inv *Inventory) Select(names []string, f Filter) ([]Device, error) {
	picked := make([]bool, len(inv.Devices))
	var missing []string
	for _, n := range names {
		found := false
		for i, d := range inv.Devices {
			if ok, err := path.Match(n, d.Name); err == nil && ok {
				picked[i], found = true, true
			}
		}
		if !found {
			missing = append(missing, quote(n))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: no device is named %s", ErrNoMatch, strings.Join(missing, ", "))
	}
	var out []Device
	for i, d := range inv.Devices {
		if (len(names) == 0 || picked[i]) && f.Match(d) {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: filter %s matches none of the selected devices", ErrNoMatch, quote(f.String()))
	}
	return out, nil
}
