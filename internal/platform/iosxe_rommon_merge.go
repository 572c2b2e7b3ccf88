package platform

import (
	"slices"
	"strings"

	"fwaudit/internal/facts"
)

// romSources holds every boot-firmware version the IOS XE outputs gave,
// before the most specific one per component is chosen.
type romSources struct {
	romMonitor string         // show rom-monitor r0
	platform   []slotFirmware // show platform Firmware Version column
	bootldr    string         // show version BOOTLDR:
	rom        string         // show version ROM: (classic "System Bootstrap, Version X")
}

// BootLoaderComponent names the boot image of show version's BOOTLDR: line
// when ROM: gave the ROMMON version.
const BootLoaderComponent = "BOOTLDR"

// components picks per component the most specific source: show rom-monitor
// > show platform > BOOTLDR > ROM. The result is sorted by name, has no
// duplicates and at most maxComponents entries; nil when there are none.
func (r romSources) components() []facts.Component {
	byName := map[string]facts.Component{}
	set := func(name, version, origin string) {
		if version == "" || name == "" || len(byName) >= maxComponents {
			return
		}
		if _, ok := byName[name]; !ok {
			byName[name] = facts.Component{Name: name, Version: version, Source: facts.SourceCLI, Origin: origin}
		}
	}
	set("R0", r.romMonitor, IOSXEShowROMMON)
	for _, s := range r.platform {
		set(s.Slot, s.Firmware, IOSXEShowPlatform)
	}
	if r.rom != "" && r.bootldr != "" {
		// Classic IOS (Catalyst 6500 / 7600, 7200): ROM: is the ROMMON and
		// BOOTLDR: a separate boot image; both are boot firmware.
		set("R0", r.rom, IOSXEShowVersion)
		set(BootLoaderComponent, r.bootldr, IOSXEShowVersion)
	}
	// IOS XE switches print "ROM: IOS-XE ROMMON" (no version) and the
	// ROMMON version on BOOTLDR:.
	set("R0", r.bootldr, IOSXEShowVersion)
	set("R0", r.rom, IOSXEShowVersion)
	var out []facts.Component
	for _, c := range byName {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b facts.Component) int { return strings.Compare(a.Name, b.Name) })
	return out
}
