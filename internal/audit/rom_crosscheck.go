package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/release"
)

// romPair is one CLI component set against the SNMP row that describes it.
type romPair struct{ cli, snmp facts.Component }

// checkROMMONChannels is ROM-003: the SNMP agent's entPhysicalFirmwareRev
// of the chassis / route processor / supervisor differs from the ROMMON
// version the CLI printed. Components are matched by name (module R0 ↔
// R0); an SNMP row no CLI component names (the chassis) is compared with
// the CLI's R0, or its only component. Quiet when either channel gave
// nothing: an empty FirmwareRev is "not comparable", not a disagreement.
func checkROMMONChannels(in Input, r Rule) []Finding {
	type key struct{ cli, snmp string }
	groups := map[key][]romPair{}
	var order []key
	for _, p := range rommonPairs(in.Facts) {
		if release.Same(p.cli.Version, p.snmp.Version) {
			continue
		}
		k := key{visible(p.cli.Version), visible(p.snmp.Version)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p)
	}
	var out []Finding
	for _, k := range order {
		var clis, snmps []facts.Component
		seen := map[string]bool{}
		for _, p := range groups[k] {
			if !seen[p.cli.Name] {
				seen[p.cli.Name] = true
				clis = append(clis, p.cli)
			}
			snmps = append(snmps, p.snmp)
		}
		f := r.finding(fmt.Sprintf("cli %s / snmp %s", k.cli, k.snmp), fmt.Sprintf("the same version on both channels (cli %s)", k.cli),
			fmt.Sprintf("CLI: %s reported by %s; SNMP: %s reported by %s", k.cli, components(clis), k.snmp, components(snmps)))
		out = append(out, f.escalate("the device reports different boot firmware over SSH and SNMP: one channel lies, as a ROMMON implant hiding itself would (T1542.004)"))
	}
	return out
}

// rommonPairs matches the CLI and SNMP boot-firmware components of f, in
// SNMP order. A pair exists only where both sides have a version.
func rommonPairs(f facts.Facts) []romPair {
	cli := map[string]facts.Component{}
	var snmp []facts.Component
	for _, c := range f.ROMMON {
		if strings.TrimSpace(c.Version) == "" {
			continue
		}
		switch c.Source {
		case facts.SourceCLI:
			if _, dup := cli[c.Name]; !dup {
				cli[c.Name] = c
			}
		case facts.SourceSNMP:
			snmp = append(snmp, c)
		}
	}
	if len(cli) == 0 {
		return nil
	}
	var pairs []romPair
	for _, s := range snmp {
		c, ok := cli[s.Name]
		if !ok {
			c, ok = fallbackCLI(cli)
		}
		if ok {
			pairs = append(pairs, romPair{cli: c, snmp: s})
		}
	}
	return pairs
}

// fallbackCLI is the CLI component an unmatched SNMP row (the chassis) is
// compared with: R0, else classic IOS's ROMMON (beside its BOOTLDR), else
// the only one.
func fallbackCLI(cli map[string]facts.Component) (facts.Component, bool) {
	for _, name := range []string{"R0", "ROMMON"} {
		if c, ok := cli[name]; ok {
			return c, true
		}
	}
	if len(cli) == 1 {
		for _, c := range cli {
			return c, true
		}
	}
	return facts.Component{}, false
}
