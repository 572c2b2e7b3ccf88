// File name note: cisco_ios.go would be ignored by the go tool (_ios is a GOOS build suffix).

package platform

import (
	"strings"

	"fwaudit/internal/facts"
)

// The commands CiscoIOS runs, exactly as sent (Outputs keys). show version,
// show bootvar, the running-config boot lines and verify are the IOS XE
// commands (same shapes, same parsers).
const (
	IOSShowROMMON = "show rom-monitor"
	IOSDir        = "dir"
)

// iosFileSystems are where classic IOS boots from; its SCP server takes
// the CLI names.
var iosFileSystems = []string{"flash:", "flash0:", "flash1:", "bootflash:", "usbflash0:", "disk0:"}

// CiscoIOS is classic Cisco IOS (ISR G2, Catalyst 2960/3750/4500/6500).
var CiscoIOS = Platform{
	Name:            "cisco_ios",
	ScrapliPlatform: "cisco_iosxe", // scrapligo's IOS XE definition drives classic IOS too
	Detection: Detection{
		ShowVersion:    []string{"Cisco IOS Software", "IOS (tm)"},
		SNMPEnterprise: ciscoEnterprise,
		SysDescr:       []string{"Cisco IOS Software", "IOS (tm)"},
		Prompt:         ciscoPrompt,
	},
	AmbiguousAliases: ciscoIOSAmbiguous,
	FileSystems:      iosFileSystems,
	OffBox:           OffBox{Files: iosxeBootFiles, Mounts: sameMounts(iosFileSystems...)},
	// show module: a Catalyst 6500 / 4500 prints each module's ROMMON (Fw);
	// an ISR rejects it, which is no error.
	Commands: []string{IOSXEShowVersion, IOSShowROMMON, IOSXEShowBootvar, IOSDir, IOSXERunningBoot, IOSXEShowInventory, IOSShowModule},
	FollowUp: iosxeFollowUp,
	Parse:    ParseIOS,
	Plan:     "cisco_ios",
	Lab:      "cisco_ios",
	// show version's ROM / bootstrap line, its image and register; verify /sha512.
	MustYield: []facts.Fact{facts.FactROMMON, facts.FactImage, facts.FactImageHash, facts.FactConfigRegister},
}

// ParseIOS parses classic IOS outputs with the IOS XE parsers. `show
// rom-monitor` (ISR G2) gives the running ROMMON and, when the router has
// them, the read-only and upgrade regions (facts.ROMRegions); the running
// ROMMON is component "ROMMON".
func ParseIOS(out Outputs) (facts.Facts, error) {
	xe := Outputs{}
	for cmd, s := range out {
		switch cmd {
		case IOSShowROMMON:
			xe[IOSXEShowROMMON] = s
		case IOSDir:
			xe[IOSXEDirBoot] = s
		case IOSXEShowROMMON, IOSXEDirBoot:
			if _, ok := out[map[string]string{IOSXEShowROMMON: IOSShowROMMON, IOSXEDirBoot: IOSDir}[cmd]]; !ok {
				xe[cmd] = s
			}
		default:
			xe[cmd] = s
		}
	}
	f, err := ParseIOSXE(xe)
	for i, c := range f.ROMMON {
		if c.Name == "R0" {
			f.ROMMON[i].Name = "ROMMON"
			if c.Origin == IOSXEShowROMMON {
				f.ROMMON[i].Origin = IOSShowROMMON
			}
		}
	}
	if s, ok := xe[IOSXEShowROMMON]; ok {
		f.ROMRegions = iosROMRegions(s)
	}
	return f, err
}

// iosROMRegions reads the ISR G2 region lines of `show rom-monitor`; nil
// when the output has no regions.
func iosROMRegions(s string) *facts.ROMRegions {
	rm, err := parseIOSXEROMMON(s)
	if err != nil || rm.ReadOnly == "" && rm.Upgrade == "" {
		return nil
	}
	r := &facts.ROMRegions{ReadOnly: rm.ReadOnly, Upgrade: rm.Upgrade, Running: strings.ToLower(rm.Running)}
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		if strings.HasSuffix(t, "is selected for next boot") {
			switch {
			case strings.Contains(t, "from ReadOnly region"):
				r.NextBoot = "readonly"
			case strings.Contains(t, "from Upgrade region"):
				r.NextBoot = "upgrade"
			}
		}
		return true
	})
	return r
}
