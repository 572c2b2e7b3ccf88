package platform

import (
	"errors"
	"slices"
	"strings"

	"fwaudit/internal/facts"
)

// The commands CiscoIOSXE runs, exactly as sent (Outputs keys).
const (
	IOSXEShowVersion  = "show version"
	IOSXEShowROMMON   = "show rom-monitor r0"
	IOSXEShowPlatform = "show platform"
	IOSXEShowBootvar  = "show bootvar"
	IOSXEShowBoot     = "show boot" // Catalyst form; parsed when saved outputs hold it
	IOSXEDirBoot      = "dir bootflash:"
	IOSXERunningBoot  = "show running-config | include boot|config-register"
	IOSXEVerifyCmd    = "verify /sha512 " // followed by the path
)

// ciscoEnterprise is Cisco's sysObjectID arc; sysDescr tells its
// operating systems apart.
const ciscoEnterprise = "1.3.6.1.4.1.9."

// ciscoIOSAmbiguous are the names other tools use for IOS and IOS XE
// alike: Ansible cisco.ios.ios, NAPALM / Oxidized ios, Netmiko cisco_ios,
// NetBox cisco-ios, scrapli cisco_iosxe.
var ciscoIOSAmbiguous = []string{"ios", "cisco.ios.ios", "cisco_ios", "cisco-ios", "cisco_iosxe"}

// iosxeFileSystems are where IOS XE boots from; its SCP server takes the
// CLI names.
var iosxeFileSystems = []string{"bootflash:", "flash:", "harddisk:", "usbflash0:", "usbflash1:"}

// CiscoIOSXE is Cisco IOS XE (ISR 1k/4k, ASR 1k, Catalyst 8k/9k).
var CiscoIOSXE = Platform{
	Name:            "cisco_iosxe",
	ScrapliPlatform: "cisco_iosxe",
	Detection: Detection{
		ShowVersion:    []string{"Cisco IOS XE Software", "Cisco IOS-XE Software", "IOS XE Version:", "ROM: IOS-XE ROMMON"},
		SNMPEnterprise: ciscoEnterprise,
		SysDescr:       []string{"IOS-XE", "IOS XE", "IOSXE", "_IOSD-"},
		Prompt:         ciscoPrompt,
	},
	Aliases:          []string{"iosxe", "ios-xe", "cisco_xe", "cisco-ios-xe", "cisco-iosxe"},
	AmbiguousAliases: ciscoIOSAmbiguous,
	FileSystems:      iosxeFileSystems,
	OffBox:           OffBox{Files: iosxeBootFiles, Mounts: sameMounts(iosxeFileSystems...)},
	Integrity:        &Integrity{Commands: IOSXEIntegrityCommands, Parse: ParseIOSXEIntegrity},
	Commands: []string{IOSXEShowVersion, IOSXEShowROMMON, IOSXEShowPlatform, IOSXEShowBootvar,
		IOSXEDirBoot, IOSXERunningBoot, iosxeAuthenticity, IOSXEShowLogging,
		IOSXEShowInventory, IOSXEShowRomvar, IOSXEInstallSummary}, // issue #14: mergeInstall
	FollowUp: iosxeFollowUp,
	Parse:    ParseIOSXE,
	Plan:     "cisco_iosxe",
	Lab:      "cisco_iosxe",
	// ROMMON / boot loader (show version, show rom-monitor), the running image, verify /sha512 and the register.
	MustYield: []facts.Fact{facts.FactROMMON, facts.FactImage, facts.FactImageHash, facts.FactConfigRegister},
}

// ParseIOSXE parses every CiscoIOSXE output present in out and merges them
// into one Facts. Outputs the device rejected (% Invalid input) are skipped,
// except show version; outputs present but not understood give joined
// errors, and the facts from the others are still returned.
func ParseIOSXE(out Outputs) (facts.Facts, error) {
	var f facts.Facts
	var errs []error
	keep := func(err error, optional bool) bool {
		if err != nil && !(optional && errors.Is(err, ErrUnsupported)) {
			errs = append(errs, err)
		}
		return err == nil
	}
	r := romSources{}
	if s, ok := out[IOSXEShowVersion]; ok {
		v, err := parseIOSXEShowVersion(s)
		keep(err, false)
		mergeVersion(&f, v)
		r.bootldr, r.rom = bootVersion(v.BootLoader), bootVersion(v.ROM)
	}
	if s, ok := out[IOSXEShowROMMON]; ok {
		rm, err := parseIOSXEROMMON(s)
		keep(err, true)
		r.romMonitor = rm.Version
	}
	if s, ok := out[IOSXEShowPlatform]; ok {
		p, err := parseIOSXEShowPlatform(s)
		keep(err, true)
		r.platform = p.Firmware
		mergePlatform(&f, p)
	}
	f.ROMMON = r.components()
	mergeBoot(&f, out, keep)
	if s, ok := out[IOSXEDirBoot]; ok {
		d, err := parseIOSXEDir(s)
		keep(err, true)
		f.Files = d.Files()
	}
	f.ImageHashes = parseVerifies(out, keep)
	if s, ok := out[iosxeAuthenticity]; ok {
		sigs, err := parseIOSXEAuthenticity(s)
		if keep(err, true) {
			f.Integrity = &facts.BootIntegrity{Authenticity: sigs}
		}
	}
	f.Logs, f.LogsDropped = ParseIOSXELogging(out[IOSXEShowLogging]) // iosxe_logging.go
	mergeInstall(&f, out, keep)
	return f, errors.Join(errs...)
}

// mergeInstall adds show inventory (the chassis PID and serial when show
// version gave none), show module (each module's boot firmware, Catalyst),
// show romvar (the ROMMON variables) and show install summary
// (install-mode packages and their commit state).
func mergeInstall(f *facts.Facts, out Outputs, keep func(error, bool) bool) {
	if s, ok := out[IOSXEShowInventory]; ok {
		inv, err := ParseCiscoInventory(s)
		if keep(err, true) {
			if c, ok := inv.Chassis(); ok {
				f.Model, f.Serial = nonEmpty(f.Model, c.PID), nonEmpty(f.Serial, c.SN)
			}
		}
	}
	if s, ok := out[IOSXEShowRomvar]; ok {
		vars, err := ParseIOSXERomvar(s)
		if keep(err, true) {
			f.ROMMONVars = vars
		}
	}
	if s, ok := out[IOSShowModule]; ok { // cisco_ios_module.go
		m, err := ParseIOSShowModule(s)
		if keep(err, true) {
			f.Model = nonEmpty(f.Model, m.Chassis)
			f.ROMMON = appendComponents(f.ROMMON, m.BootFirmware(IOSShowModule))
		}
	}
	if s, ok := out[IOSXEInstallSummary]; ok {
		in, err := ParseIOSXEInstallSummary(s)
		if keep(err, true) {
			f.Install = &in
		}
	}
}

func mergeVersion(f *facts.Facts, v iosxeVersion) {
	f.Hostname, f.Model, f.Serial = v.Hostname, v.Model, v.Serial
	f.OSVersion, f.Image = v.OSVersion(), v.Image
	f.UptimeSeconds, f.LastReloadReason = v.UptimeSeconds, v.ReloadReason()
	f.Boot.ConfigRegister, f.Boot.ConfigRegisterNext = v.ConfigRegister, v.ConfigRegisterNext
}

// mergePlatform fills model and serial from show platform when show version
// did not give them.
func mergePlatform(f *facts.Facts, p iosxePlatform) {
	if f.Model == "" {
		f.Model = p.Chassis
	}
	if len(p.Switches) > 0 {
		if f.Model == "" {
			f.Model = p.Switches[0].Model
		}
		if f.Serial == "" {
			f.Serial = p.Switches[0].Serial
		}
	}
}

// mergeBoot takes the BOOT variable from show bootvar (or show boot), else
// from the running-config boot lines. The configuration register from show
// version wins; a running-config value that differs from it is what the
// next reload will use.
func mergeBoot(f *facts.Facts, out Outputs, keep func(error, bool) bool) {
	haveBootvar := false
	for _, cmd := range []string{IOSXEShowBootvar, IOSXEShowBoot} {
		s, ok := out[cmd]
		if !ok || haveBootvar {
			continue
		}
		bc, err := parseIOSXEBootvar(s)
		if keep(err, true) {
			haveBootvar = true
			f.Boot.System = bc.System
			if f.Boot.ConfigRegister == "" {
				f.Boot.ConfigRegister, f.Boot.ConfigRegisterNext = bc.ConfigRegister, bc.ConfigRegisterNext
			}
		}
	}
	s, ok := out[IOSXERunningBoot]
	if !ok {
		return
	}
	bc, err := parseIOSXERunningBoot(s)
	keep(err, true)
	if !haveBootvar {
		f.Boot.System = bc.System
	}
	switch reg := bc.ConfigRegister; {
	case reg == "":
	case f.Boot.ConfigRegister == "":
		f.Boot.ConfigRegister = reg
	case f.Boot.ConfigRegisterNext == "" && !strings.EqualFold(reg, f.Boot.ConfigRegister):
		f.Boot.ConfigRegisterNext = reg
	}
}

// parseVerifies parses every "verify /sha512 <path>" output, in path order.
func parseVerifies(out Outputs, keep func(error, bool) bool) []facts.ImageHash {
	var cmds []string
	for cmd := range out {
		if strings.HasPrefix(cmd, IOSXEVerifyCmd) {
			cmds = append(cmds, cmd)
		}
	}
	slices.Sort(cmds)
	var hashes []facts.ImageHash
	for _, cmd := range cmds {
		h, err := ParseIOSXEVerify(out[cmd])
		if keep(err, false) && !slices.Contains(hashes, h) {
			hashes = append(hashes, h)
		}
	}
	return hashes
}

// appendComponents adds the components whose names are new, up to
// maxComponents.
func appendComponents(have, more []facts.Component) []facts.Component {
	seen := map[string]bool{}
	for _, c := range have {
		seen[c.Name] = true
	}
	for _, c := range more {
		if !seen[c.Name] && len(have) < maxComponents {
			seen[c.Name] = true
			have = append(have, c)
		}
	}
	return have
}
