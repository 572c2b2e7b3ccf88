package lab

import (
	"cmp"
	"fmt"
	"strings"
)

// File name note: platform_ios.go would be ignored by the go tool (_ios is a GOOS).

// iosLab is classic IOS: an ISR G2 (files on flash:) or, by model, a
// Catalyst 6500 (platform_ios_cat6k.go: files on disk0:).
var iosLab = labPlatform{outputs: iosOutputs, rejection: invalidArgs, served: cliServedAny("flash:", "disk0:"),
	sysDescr: func(s DeviceSpec) string {
		return "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version " + s.OSVersion + ", RELEASE SOFTWARE (fc2)\r\nTechnical Support: http://www.cisco.com/techsupport"
	}}

// iosOutputs simulates classic Cisco IOS on an ISR G2 (CISCO2911/K9): two
// ROMMON regions, files on flash:. ROMMON is the version of the region that
// runs (ROMMONRegion: readonly, the default, or upgrade); ROMMONOther is the
// version in the other region (default: the same).
var iosOutputs = map[string]runFunc{
	"show version":     iosShowVersion,
	"show rom-monitor": iosShowROMMonitor,
	"show module":      cat6kShowModule, // a Catalyst 6500; an ISR rejects it
	"show bootvar":     showBootvar,
	"show boot":        showBootvar,
	"show inventory":   showInventory,
	"dir":              func(e *cmdEnv, args []string) string { return dirFS(e, args, iosHome(e.p.spec)) },
	"verify":           func(e *cmdEnv, args []string) string { return verifyFS(e, args, iosHome(e.p.spec)) },
}

func iosShowVersion(e *cmdEnv, _ []string) string {
	s := e.p.spec
	if catalyst6500(s) {
		return cat6kShowVersion(e)
	}
	train := "C2900"
	if m := strings.TrimPrefix(s.Model, "CISCO"); len(m) >= 2 && m != s.Model {
		train = "C" + m[:2] + "00" // CISCO3945/K9: C3900
	}
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("Cisco IOS Software, %s Software (%s-UNIVERSALK9-M), Version %s, RELEASE SOFTWARE (fc2)", train, train, s.OSVersion)
	w("Technical Support: http://www.cisco.com/techsupport\nCopyright (c) 1986-2021 by Cisco Systems, Inc.")
	w("Compiled Thu 28-Jan-21 10:24 by prod_rel_team\n")
	w("ROM: System Bootstrap, Version %s, RELEASE SOFTWARE (fc1)\n", s.ROMMON)
	up := e.p.uptime(e.now)
	w("%s uptime is %s", s.Hostname, iosUptime(up))
	back := e.p.restarted()
	w("System returned to ROM by %s at %s", strings.ToLower(returnedBy(s.ReloadReason)), back.Add(-6*60e9).Format(iosTime))
	w("System restarted at %s", back.Format(iosTime))
	w("System image file is \"%s\"", "flash:"+s.Image)
	w("Last reload type: Normal Reload\nLast reload reason: %s\n\n", s.ReloadReason)
	b.WriteString(cryptoBlock + "\n")
	if !s.VersionNoHardware {
		w("Cisco %s (revision 1.0) with 487424K/36864K bytes of memory.", s.Model)
		w("Processor board ID %s", s.Serial)
	}
	w("3 Gigabit Ethernet interfaces\nDRAM configuration is 64 bits wide with parity enabled.")
	w("255K bytes of non-volatile configuration memory.\n250880K bytes of ATA System CompactFlash 0 (Read/Write)\n")
	w("%s\n", confRegLine(s))
	return b.String()
}

// iosShowROMMonitor prints both regions and which one runs and boots next.
func iosShowROMMonitor(e *cmdEnv, args []string) string {
	if len(args) > 0 || catalyst6500(e.p.spec) { // a 6500 has no ISR ROMMON regions
		return invalidArgs
	}
	s := e.p.spec
	ro, up, region := s.ROMMON, cmp.Or(s.ROMMONOther, s.ROMMON), "ReadOnly"
	if s.ROMMONRegion == "upgrade" {
		ro, up, region = cmp.Or(s.ROMMONOther, s.ROMMON), s.ROMMON, "Upgrade"
	}
	block := func(v, year string) string {
		return fmt.Sprintf("System Bootstrap, Version %s, RELEASE SOFTWARE (fc1)\nTechnical Support: http://www.cisco.com/techsupport\n"+
			"Copyright (c) %s by cisco Systems, Inc.\n", v, year)
	}
	return "ReadOnly ROMMON version:\n\n" + block(ro, "2010") + "\nUpgrade ROMMON version:\n\n" + block(up, "2012") +
		fmt.Sprintf("\nCurrently running ROMMON from %s region\nROMMON from %s region is selected for next boot\n", region, region)
}
