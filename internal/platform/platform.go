package platform

import (
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/facts"
)

// Outputs maps the exact command text sent to the device to the text it
// printed (prompt and echo removed). Parsers take what they find here and
// ignore what is missing, so saved outputs can be audited offline too.
type Outputs map[string]string

// Platform describes one device platform.
type Platform struct {
	// Name is the inventory and baseline name, e.g. "cisco_iosxe".
	Name string
	// ScrapliPlatform is the scrapligo platform definition the SSH session uses.
	ScrapliPlatform string
	// Commands are run on every audit, in order.
	Commands []string
	// FollowUp returns commands that depend on what Commands revealed, e.g.
	// "verify /sha512 bootflash:x.bin" for the running and next-boot images.
	FollowUp func(f facts.Facts) []string
	// Parse turns outputs into facts. It never does I/O, never panics, and
	// every string it returns is textsafe. An error means an output was there
	// but could not be understood; the facts it did get are still returned.
	Parse func(out Outputs) (facts.Facts, error)
}

var platforms = map[string]Platform{
	"cisco_iosxe": CiscoIOSXE,

	"cisco_ios":     CiscoIOS,
	"cisco_nxos":    CiscoNXOS,
	"cisco_iosxr":   CiscoIOSXR,
	"arista_eos":    AristaEOS,
	"juniper_junos": JuniperJunos,
}

// Lookup returns the platform registered under name.
func Lookup(name string) (Platform, error) {
	p, ok := platforms[name]
	if !ok {
		return Platform{}, fmt.Errorf("unknown platform %q (known: %s)", name, strings.Join(Names(), ", "))
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
