package platform

import (
	"errors"

	"fwaudit/internal/facts"
)

// The commands CiscoNXOS runs, exactly as sent (Outputs keys).
const (
	NXOSShowVersion   = "show version"
	NXOSShowBoot      = "show boot"
	NXOSShowInventory = "show inventory"
	NXOSDirBoot       = "dir bootflash:"
	NXOSShowModule    = "show module"
)

// CiscoNXOS is Cisco NX-OS (Nexus 3000/5000/7000/9000).
var CiscoNXOS = Platform{
	Name:            "cisco_nxos",
	ScrapliPlatform: "cisco_nxos",
	Detection: Detection{
		ShowVersion:    []string{"Cisco Nexus Operating System", "NXOS: version", "kickstart image file is:", "Kernel uptime is "},
		SNMPEnterprise: ciscoEnterprise,
		SysDescr:       []string{"NX-OS", "Nexus"},
		Prompt:         ciscoPrompt,
	},
	Aliases:     []string{"nxos", "nx-os", "nxos_ssh", "cisco-nx-os", "cisco-nxos", "cisco.nxos.nxos"},
	FileSystems: []string{"bootflash:", "usb1:"},
	OffBox:      OffBox{Files: nxosBootFiles, Mounts: sameMounts("bootflash:", "usb1:")},
	Commands:    []string{NXOSShowVersion, NXOSShowBoot, NXOSShowInventory, NXOSDirBoot, NXOSShowModule},
	FollowUp:    nxosFollowUp, // cisco_nxos_hash.go
	Parse:       parseNXOS,
	Plan:        "cisco_nxos",
	Lab:         "cisco_nxos",
	// BIOS and image from show version, show file … sha512sum; NX-OS has no configuration register.
	MustYield: []facts.Fact{facts.FactROMMON, facts.FactImage, facts.FactImageHash},
}

// parseNXOS merges the CiscoNXOS outputs present in out into one Facts. The
// BIOS is the boot firmware (component "BIOS"); the model and serial of the
// chassis come from show inventory when it was run, else from show version,
// or from show module's active supervisor where it is the chassis. show
// module has no firmware column, so it adds no component. The device's own
// hashes come from the `show file <path> sha512sum` follow-ups.
func parseNXOS(out Outputs) (facts.Facts, error) {
	var f facts.Facts
	var errs []error
	keep := keeper(&errs)
	if s, ok := out[NXOSShowVersion]; ok {
		v, err := ParseNXOSShowVersion(s)
		keep(err, false)
		f.Hostname, f.Model, f.Serial, f.OSVersion = v.Hostname, v.Model, v.Serial, v.OSVersion
		f.Image = v.Image
		if f.Image == "" {
			f.Image = v.Kickstart
		}
		f.UptimeSeconds, f.LastReloadReason = v.UptimeSeconds, v.ResetReason
		if v.BIOS != "" {
			f.ROMMON = []facts.Component{{Name: "BIOS", Version: v.BIOS, Source: facts.SourceCLI, Origin: NXOSShowVersion}}
		}
	}
	if s, ok := out[NXOSShowBoot]; ok {
		bc, err := parseNXOSShowBoot(s)
		keep(err, true)
		f.Boot.System = bc.System
	}
	chassis := false
	if s, ok := out[NXOSShowInventory]; ok {
		inv, err := ParseCiscoInventory(s)
		keep(err, true)
		if c, ok := inv.Chassis(); ok {
			f.Model, f.Serial = nonEmpty(c.PID, f.Model), nonEmpty(c.SN, f.Serial)
			chassis = true
		}
	}
	if s, ok := out[NXOSShowModule]; ok {
		m, err := ParseNXOSShowModule(s)
		if keep(err, true) && !chassis {
			nxosSupervisor(&f, m) // cisco_nxos_module.go
		}
	}
	if s, ok := out[NXOSDirBoot]; ok {
		d, err := parseNXOSDir(s)
		keep(err, true)
		f.Files = d.Files()
	}
	f.ImageHashes = parseNXOSHashes(out, keep)
	return f, errors.Join(errs...)
}

// keeper returns the error filter every platform's merge uses: it records
// err in errs unless it is ErrUnsupported on an optional command, and
// reports whether the output parsed.
func keeper(errs *[]error) func(err error, optional bool) bool {
	return func(err error, optional bool) bool {
		if err != nil && !(optional && errors.Is(err, ErrUnsupported)) {
			*errs = append(*errs, err)
		}
		return err == nil
	}
}

func nonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
