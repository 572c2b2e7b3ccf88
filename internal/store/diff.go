package store

import (
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/facts"
)

// Change is one field that differs between two snapshots of a device.
type Change struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Diff lists what differs from a to b: boot firmware per component, OS,
// image, boot variable, configuration register, host key, reload (uptime
// went down) and the set of finding rules. Uptime that only grew is not a
// change.
func Diff(a, b Snapshot) []Change {
	var out []Change
	add := func(field, from, to string) {
		if from != to {
			out = append(out, Change{Field: field, From: from, To: to})
		}
	}
	add("rommon", ROMText(a.Facts), ROMText(b.Facts))
	add("os_version", a.Facts.OSVersion, b.Facts.OSVersion)
	add("image", a.Facts.Image, b.Facts.Image)
	add("boot", strings.Join(a.Facts.Boot.System, ","), strings.Join(b.Facts.Boot.System, ","))
	add("config_register", a.Facts.Boot.ConfigRegister, b.Facts.Boot.ConfigRegister)
	add("config_register_next", a.Facts.Boot.ConfigRegisterNext, b.Facts.Boot.ConfigRegisterNext)
	add("host_key", a.Facts.HostKeySHA256, b.Facts.HostKeySHA256)
	if b.Facts.UptimeSeconds < a.Facts.UptimeSeconds && b.TakenAt.After(a.TakenAt) {
		add("reload", fmt.Sprintf("uptime %ds", a.Facts.UptimeSeconds),
			fmt.Sprintf("uptime %ds (%s)", b.Facts.UptimeSeconds, b.Facts.LastReloadReason))
	}
	add("status", a.Status, b.Status)
	add("findings", RulesText(a), RulesText(b))
	return out
}

// ROMText is "R0=17.9.1r[FC2] (cli)", one entry per component, sorted.
func ROMText(f facts.Facts) string {
	parts := make([]string, 0, len(f.ROMMON))
	for _, c := range f.ROMMON {
		parts = append(parts, fmt.Sprintf("%s=%s (%s)", c.Name, c.Version, c.Source))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

// RulesText is the sorted, distinct rule IDs of a snapshot's findings.
func RulesText(s Snapshot) string {
	ids := make([]string, 0, len(s.Findings))
	for _, f := range s.Findings {
		ids = append(ids, f.Rule)
	}
	slices.Sort(ids)
	return strings.Join(slices.Compact(ids), ",")
}
