package platform

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// errUnknownPlatform means a name is neither a registered platform nor an
// alias of one.
var errUnknownPlatform = errors.New("unknown platform")

// registry is the explicit table of platforms. Its order is the detection
// order (Detection): a platform whose markers another one's output also
// contains comes after that one.
var registry = []Platform{
	CiscoASA, // first: its SNMP arc is Cisco's, told apart by sysDescr
	ciscoIOSXR,
	CiscoNXOS,
	CiscoIOSXE,
	aristaEOS,
	JuniperJunos,
	CiscoIOS, // after IOS XE, which prints "Cisco IOS Software" too
}

var platforms, aliases, ambiguous = index(registry)

// index builds the lookup tables, and panics on a duplicate name or an
// alias claimed both exactly and ambiguously (a programmer error).
func index(reg []Platform) (map[string]Platform, map[string]string, map[string][]string) {
	byName := map[string]Platform{}
	exact := map[string]string{}
	amb := map[string][]string{}
	for _, p := range reg {
		if _, dup := byName[p.Name]; dup {
			panic("platform: " + p.Name + " registered twice")
		}
		byName[p.Name] = p
		for _, a := range p.Aliases {
			if other, dup := exact[a]; dup {
				panic("platform: alias " + a + " of both " + other + " and " + p.Name + " (make it ambiguous)")
			}
			exact[a] = p.Name
		}
		for _, a := range p.AmbiguousAliases {
			amb[a] = append(amb[a], p.Name)
		}
	}
	for a := range exact {
		if _, both := amb[a]; both {
			panic("platform: alias " + a + " is both exact and ambiguous")
		}
	}
	return byName, exact, amb
}

// Lookup returns the platform registered under name.
func Lookup(name string) (Platform, error) {
	p, ok := platforms[name]
	if !ok {
		return Platform{}, fmt.Errorf("%w %q (known: %s)", errUnknownPlatform, name, strings.Join(Names(), ", "))
	}
	return p, nil
}

// Names lists the registered platforms, sorted.
func Names() []string {
	names := make([]string, 0, len(platforms))
	for n := range platforms {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// All returns the registered platforms in registry (detection) order.
func All() []Platform { return slices.Clone(registry) }

// Resolve names the platform another tool calls name (case-insensitive,
// spaces trimmed). An ambiguous alias gives ambiguous true and no
// platform: the device must be detected (the sweep does that for a device
// without platform:). Ambiguous aliases win over our own names, because
// other tools use some of them more broadly (scrapli's cisco_iosxe drives
// classic IOS too). Then exact aliases, then registered names.
func Resolve(name string) (p Platform, isAmbiguous bool, err error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if _, ok := ambiguous[n]; ok {
		return Platform{}, true, nil
	}
	if ours, ok := aliases[n]; ok {
		return platforms[ours], false, nil
	}
	if p, ok := platforms[n]; ok {
		return p, false, nil
	}
	return Platform{}, false, fmt.Errorf("%w %q (known: %s)", errUnknownPlatform, name, strings.Join(Names(), ", "))
}

// candidates returns the platforms an ambiguous alias may mean, sorted;
// nil when name is not ambiguous.
func candidates(name string) []string {
	c := slices.Clone(ambiguous[strings.ToLower(strings.TrimSpace(name))])
	slices.Sort(c)
	return c
}
