package lab

import (
	"cmp"
	"fmt"
	"strings"
)

// xrLab is IOS XR: sessions start privileged at RP/0/RP0/CPU0:HOST#.
// fwaudit does not hash IOS XR off the box (its descriptor says why); the
// lab serves its files as IOS XE does.
var xrLab = labPlatform{outputs: xrOutputs, rejection: invalidArgs, privileged: true, prompt: xrPrompt,
	served: cliServed("bootflash:"),
	sysDescr: func(s DeviceSpec) string {
		return "Cisco IOS XR Software (" + s.Model + "), Version " + s.OSVersion + "\r\nCopyright (c) 2013-2023 by Cisco Systems, Inc."
	}}

// xrOutputs simulates Cisco IOS XR 7 (NCS 5500). Sessions start in
// privileged exec at RP/0/RP0/CPU0:HOST#. The ROMMON field is the running
// BIOS FPD of 0/RP0; ROMMONOther is the BIOS-Golden copy (default: the same
// version). The image is the boot package of show install active.
var xrOutputs = map[string]runFunc{
	"show version":        xrShowVersion,
	"show hw-module fpd":  xrShowFPD,
	"show install active": xrShowInstallActive,
	"show inventory":      xrShowInventory,
}

// xrPrompt is the IOS XR prompt of hostname.
func xrPrompt(hostname string) string { return "RP/0/RP0/CPU0:" + hostname + "#" }

func xrShowVersion(e *cmdEnv, _ []string) string {
	s := e.p.spec
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("%s\n", e.now.UTC().Format("Mon Jan _2 15:04:05.000 MST"))
	w("Cisco IOS XR Software, Version %s\nCopyright (c) 2013-2023 by Cisco Systems, Inc.\n", s.OSVersion)
	w("Build Information:\n Built By     : swtools\n Built On     : Thu Jun 29 03:07:05 UTC 2023")
	w(" Build Host   : iox-ucs-017\n Workspace    : /auto/srcarchive16/prod/%s/ncs5500/ws", s.OSVersion)
	w(" Version      : %s\n Label        : %s\n", s.OSVersion, s.OSVersion)
	w("cisco NCS-5500 () processor")
	w("System uptime is %s\n", iosUptime(e.p.uptime(e.now)))
	return b.String()
}

func xrShowFPD(e *cmdEnv, _ []string) string {
	s := e.p.spec
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("%s\n", e.now.UTC().Format("Mon Jan _2 15:04:05.000 MST"))
	w("Auto-upgrade:Disabled\nAttribute codes: B golden, P protect, S secure, A Anti Theft aware")
	w("%75s\n%76s", "FPD Versions", "==============")
	w("Location    Card type        HWver FPD device       ATR Status    Running Programd  Reload Loc")
	w("%s", strings.Repeat("-", 94))
	w("0/RP0/CPU0  %-16s 1.0   %-16s %-3s %-11s %-7s %-8s %s", s.Model, "Bios", "S", "CURRENT", s.ROMMON, s.ROMMON, "0/RP0")
	w("0/RP0/CPU0  %-16s 1.0   %-16s %-3s %-11s %-7s %-8s %s", s.Model, "BiosGolden", "BS", "CURRENT", "", cmp.Or(s.ROMMONOther, s.ROMMON), "0/RP0")
	w("0/RP0/CPU0  %-16s 1.0   %-16s %-3s %-11s %-7s %-8s %s", s.Model, "IoFpga", "", "CURRENT", "0.12", "0.12", "0/RP0")
	return b.String()
}

func xrShowInstallActive(e *cmdEnv, _ []string) string {
	s := e.p.spec
	return fmt.Sprintf("%s\nLabel : %s\n\nNode 0/RP0/CPU0 [RP]\n  Boot Partition: xr_lv38\n  Active Packages: 3\n"+
		"        %s version=%s [Boot image]\n        ncs5500-mpls-2.1.0.0-r79\n        ncs5500-k9sec-3.2.0.0-r79\n\n",
		e.now.UTC().Format("Mon Jan _2 15:04:05.000 MST"), s.OSVersion, bareFile(bootPath(s, "")), s.OSVersion)
}

func xrShowInventory(e *cmdEnv, _ []string) string {
	s := e.p.spec
	return fmt.Sprintf("%s\n\nNAME: \"Rack 0\", DESCR: \"NCS 5500 fixed system\"\nPID: %-17s, VID: V01, SN: %s\n\n"+
		"NAME: \"0/RP0/CPU0\", DESCR: \"NCS 5500 route processor\"\nPID: %-17s, VID: V01, SN: %s\n\n",
		e.now.UTC().Format("Mon Jan _2 15:04:05.000 MST"), s.Model, s.Serial, s.Model, s.Serial)
}
