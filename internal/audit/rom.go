package audit

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fwaudit/internal/facts"
)

// checkROMMONApproved is ROM-001: one finding per distinct boot-firmware
// version that the model's baseline does not approve. Quiet when the
// baseline says nothing about ROMMON or no version was read.
func checkROMMONApproved(in Input, r Rule) []Finding {
	m := in.Model
	if m == nil || m.ROMMON == nil {
		return nil
	}
	bad := map[string][]facts.Component{}
	for _, c := range in.Facts.ROMMON {
		v := strings.TrimSpace(c.Version)
		if v == "" || m.ROMMONApproved(v) {
			continue
		}
		bad[v] = append(bad[v], c)
	}
	var out []Finding
	for _, v := range slices.Sorted(maps.Keys(bad)) {
		shown := visible(v)
		evidence := fmt.Sprintf("boot firmware %s reported by %s; baseline model %q (%s)",
			shown, components(bad[v]), m.Pattern, where(m))
		f := r.finding(shown, list(m.ROMMON.Approved), evidence)
		out = append(out, f.escalate(notApproved("ROMMON version", shown, m.ROMMON.Approved, m)))
	}
	return out
}

// components names each component with its source and origin:
// `R0 (cli: show rom-monitor r0), 1 (snmp: entPhysicalFirmwareRev.1)`.
func components(cs []facts.Component) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		name := visible(c.Name)
		if name == "" {
			name = "component ?"
		}
		src := visible(string(c.Source))
		if o := visible(c.Origin); o != "" {
			src += ": " + o
		}
		parts[i] = fmt.Sprintf("%s (%s)", name, src)
	}
	return strings.Join(parts, ", ")
}
