package platform

import (
	"errors"

	"fwaudit/internal/facts"
)

// The commands ciscoIOSXR runs, exactly as sent (Outputs keys).
const (
	XRShowVersion   = "show version"
	XRShowFPD       = "show hw-module fpd"
	XRShowInstall   = "show install active"
	XRShowInventory = "show inventory"
)

// ciscoIOSXR is Cisco IOS XR (ASR 9000, NCS 5500/540, 8000, CRS).
var ciscoIOSXR = Platform{
	Name:            "cisco_iosxr",
	ScrapliPlatform: "cisco_iosxr",
	Detection: Detection{
		ShowVersion:    []string{"Cisco IOS XR Software"},
		SNMPEnterprise: ciscoEnterprise,
		SysDescr:       []string{"IOS XR"},
		Prompt:         xrPrompt,
	},
	Aliases:     []string{"iosxr", "ios-xr", "cisco_xr", "cisco-ios-xr", "cisco-iosxr", "cisco.iosxr.iosxr"},
	FileSystems: []string{"harddisk:", "disk0:", "bootflash:"},
	OffBox: OffBox{Unsupported: "IOS XR boots the packages of show install active, not one image file: " +
		"there is no file whose hash a baseline could name"},
	Commands: []string{XRShowVersion, XRShowFPD, XRShowInstall, XRShowInventory},
	FollowUp: func(facts.Facts) []string { return nil },
	Parse:    ParseIOSXR,
	Plan:     "cisco_iosxr",
	Lab:      "cisco_iosxr",
	// The BIOS FPD and the active boot package; IOS XR hashes nothing on the box and has no register.
	MustYield: []facts.Fact{facts.FactROMMON, facts.FactImage},
}

// ParseIOSXR merges the ciscoIOSXR outputs present in out into one Facts.
// Boot firmware comes from the BIOS / ROMMON FPDs of show hw-module fpd
// (one component per location and device, golden copies included), else
// from the ROM: line of older show version. The running image is the
// System image file of show version, else the boot image of the first node
// of show install active, which is also the next-boot image.
func ParseIOSXR(out Outputs) (facts.Facts, error) {
	var f facts.Facts
	var errs []error
	keep := keeper(&errs)
	rom := ""
	if s, ok := out[XRShowVersion]; ok {
		v, err := ParseIOSXRShowVersion(s)
		keep(err, false)
		f.Hostname, f.Model, f.OSVersion, f.Image = v.Hostname, v.Model, v.Version, v.Image
		f.UptimeSeconds, rom = v.UptimeSeconds, v.ROM
	}
	if s, ok := out[XRShowFPD]; ok {
		fpd, err := parseIOSXRFPD(s)
		keep(err, true)
		f.ROMMON = fpd.BootFirmware(XRShowFPD)
	}
	if len(f.ROMMON) == 0 && rom != "" {
		f.ROMMON = []facts.Component{{Name: "RP", Version: rom, Source: facts.SourceCLI, Origin: XRShowVersion}}
	}
	if s, ok := out[XRShowInstall]; ok {
		ia, err := parseIOSXRInstallActive(s)
		keep(err, true)
		if len(ia.Nodes) > 0 {
			if boot := nonEmpty(ia.Nodes[0].BootImage, ia.Nodes[0].BootPackage); boot != "" {
				f.Image = nonEmpty(f.Image, boot)
				f.Boot.System = []string{boot}
			}
		}
	}
	if s, ok := out[XRShowInventory]; ok {
		inv, err := ParseCiscoInventory(s)
		keep(err, true)
		if c, ok := inv.Chassis(); ok {
			f.Model, f.Serial = nonEmpty(c.PID, f.Model), c.SN
		}
	}
	return f, errors.Join(errs...)
}
