package change

import (
	"slices"
	"strings"
	"time"

	"fwaudit/internal/facts"
	"fwaudit/internal/release"
)

// Kind names what changed. The values are the `field` strings of the diff
// JSON (fwaudit.diff/v1) and match the change-window kinds where one exists.
type Kind string

const (
	ROMMON             Kind = "rommon"
	OSVersion          Kind = "os_version"
	Image              Kind = "image"
	Boot               Kind = "boot"
	ConfigRegister     Kind = "config_register"
	ConfigRegisterNext Kind = "config_register_next"
	Reload             Kind = "reload"
	HostKey            Kind = "host_key"
	Status             Kind = "status"
	Findings           Kind = "findings"
)

// Snapshot is one observation of a device: who, when the facts were
// collected, and what they were. Outcome is optional (stored snapshots
// have one; a live audit does not).
type Snapshot struct {
	Device      string
	CollectedAt time.Time
	Facts       facts.Facts
	Outcome     *Outcome
}

// Outcome is how a stored audit ended: its status and the rule IDs of its
// findings.
type Outcome struct {
	Status string
	Rules  []string
}

// Change is one thing that differs from the earlier snapshot to the later
// one. Before and After are the device's own strings, trimmed but not yet
// safe to print: pass them through textsafe before they reach a person.
type Change struct {
	Kind    Kind   `json:"field"`
	Subject string `json:"subject,omitempty"` // the ROMMON component, "R0 (cli)"
	Before  string `json:"from"`
	After   string `json:"to"`
	// Reload is the evidence of a Reload change; nil for other kinds.
	Reload *ReloadEvidence `json:"reload,omitempty"`
	// Component is the later snapshot's component of a ROMMON change.
	Component *facts.Component `json:"-"`
}

// Compare lists what changed from prev to cur. A change is a value both
// snapshots observed (not empty) that differs: a field one side did not
// report (a failed collection, a channel that was down) is not a change.
// The order is fixed: ROMMON components in cur's order, OS version, image,
// boot variable, configuration register (now, at next reload), reload,
// host key, status, findings.
func Compare(prev, cur Snapshot) []Change {
	p, c := prev.Facts, cur.Facts
	out := romChanges(p.ROMMON, c.ROMMON)
	add := func(k Kind, before, after string, same func(a, b string) bool) {
		before, after = strings.TrimSpace(before), strings.TrimSpace(after)
		if before != "" && after != "" && !same(before, after) {
			out = append(out, Change{Kind: k, Before: before, After: after})
		}
	}
	add(OSVersion, p.OSVersion, c.OSVersion, release.Same)
	add(Image, p.Image, c.Image, sameFile)
	add(Boot, strings.Join(p.Boot.System, ","), strings.Join(c.Boot.System, ","), equal)
	add(ConfigRegister, p.Boot.ConfigRegister, c.Boot.ConfigRegister, strings.EqualFold)
	if next, ok := nextRegisterChange(p.Boot, c.Boot); ok {
		out = append(out, next)
	}
	if r, ok := Reloaded(prev, cur); ok {
		out = append(out, r.change())
	}
	add(HostKey, p.HostKeySHA256, c.HostKeySHA256, equal)
	if prev.Outcome != nil && cur.Outcome != nil {
		add(Status, prev.Outcome.Status, cur.Outcome.Status, equal)
		if a, b := rulesText(prev.Outcome.Rules), rulesText(cur.Outcome.Rules); a != b {
			out = append(out, Change{Kind: Findings, Before: a, After: b})
		}
	}
	return out
}

func equal(a, b string) bool { return a == b }

// sameFile: the file-system prefix (bootflash:, flash:) does not matter.
func sameFile(a, b string) bool { return facts.BaseName(a) == facts.BaseName(b) }

// nextRegisterChange compares the configuration register at next reload,
// where "" means "same as now": it is observed whenever the register is.
func nextRegisterChange(p, c facts.BootConfig) (Change, bool) {
	if strings.TrimSpace(p.ConfigRegister) == "" || strings.TrimSpace(c.ConfigRegister) == "" {
		return Change{}, false
	}
	before, after := strings.TrimSpace(p.ConfigRegisterNext), strings.TrimSpace(c.ConfigRegisterNext)
	if strings.EqualFold(before, after) {
		return Change{}, false
	}
	return Change{Kind: ConfigRegisterNext, Before: before, After: after}, true
}

// romChanges compares boot-firmware versions component by component
// (matched by name and source).
func romChanges(prev, cur []facts.Component) []Change {
	old := map[string]string{}
	for _, c := range prev {
		old[c.Name+"\x00"+string(c.Source)] = strings.TrimSpace(c.Version)
	}
	var out []Change
	for _, c := range cur {
		before := old[c.Name+"\x00"+string(c.Source)]
		after := strings.TrimSpace(c.Version)
		if before == "" || after == "" || release.Same(before, after) {
			continue // the same release, however each snapshot printed it
		}
		comp := c
		out = append(out, Change{Kind: ROMMON, Subject: componentName(c), Before: before, After: after, Component: &comp})
	}
	return out
}

func componentName(c facts.Component) string {
	name := strings.TrimSpace(c.Name)
	if name == "" {
		name = "component ?"
	}
	return name + " (" + string(c.Source) + ")"
}

// rulesText is the sorted, distinct rule IDs.
func rulesText(ids []string) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	return strings.Join(slices.Compact(s), ",")
}

// ROMGroup is one version move shared by several components.
type ROMGroup struct {
	Before, After string
	Components    []facts.Component
}

// GroupROMMON gathers the ROMMON changes by (before, after), in first-seen
// order, so a box whose R0, F0 and slots all moved is one move.
func GroupROMMON(cs []Change) []ROMGroup {
	var out []ROMGroup
	for _, c := range cs {
		if c.Kind != ROMMON {
			continue
		}
		i := slices.IndexFunc(out, func(g ROMGroup) bool { return g.Before == c.Before && g.After == c.After })
		if i < 0 {
			out = append(out, ROMGroup{Before: c.Before, After: c.After})
			i = len(out) - 1
		}
		if c.Component != nil {
			out[i].Components = append(out[i].Components, *c.Component)
		}
	}
	return out
}

// Of returns the changes of the given kinds, in order.
func Of(cs []Change, kinds ...Kind) []Change {
	var out []Change
	for _, c := range cs {
		if slices.Contains(kinds, c.Kind) {
			out = append(out, c)
		}
	}
	return out
}
