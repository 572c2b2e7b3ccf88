package lab

import (
	"fmt"
	"strings"
)

// nxosLab is NX-OS: files on bootflash:.
var nxosLab = labPlatform{outputs: nxosOutputs, rejection: nxosRejection, served: cliServed("bootflash:"),
	sysDescr: func(s DeviceSpec) string {
		return "Cisco NX-OS(tm) nxos64-cs, Software (nxos64-cs), Version " + s.OSVersion + ", RELEASE SOFTWARE Copyright (c) 2002-2024 by Cisco Systems, Inc."
	}}

// nxosRejection is what NX-OS prints for a command it does not have.
const nxosRejection = "% Invalid command at '^' marker.\n"

// nxosOutputs simulates Cisco NX-OS (Nexus 9000). The ROMMON field is the
// BIOS version; the model is the full PID (N9K-C93180YC-FX).
var nxosOutputs = map[string]runFunc{
	"show version":   nxosShowVersion,
	"show boot":      nxosShowBoot,
	"show inventory": nxosShowInventory,
	"dir":            nxosDir,
	"show module":    nxosShowModule, // platform_hashes.go
	"show file":      nxosShowFile,
}

func nxosChassis(model string) string { return model[strings.LastIndexByte(model, '-')+1:] }

func nxosShowVersion(e *cmdEnv, _ []string) string {
	s := e.p.spec
	up := e.p.uptime(e.now)
	secs := int64(up.Seconds())
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("Cisco Nexus Operating System (NX-OS) Software\nTAC support: http://www.cisco.com/tac")
	w("Copyright (C) 2002-2024, Cisco and/or its affiliates.\nAll rights reserved.\n")
	w("Software\n  BIOS: version %s\n  NXOS: version %s [Maintenance Release]", s.ROMMON, s.OSVersion)
	w("  BIOS compile time:  11/10/2024\n  NXOS image file is: bootflash:///%s", s.Image)
	w("  NXOS compile time:  8/20/2024 12:00:00 [08/20/2024 06:31:13]\n")
	w("Hardware\n  cisco Nexus9000 %s Chassis", nxosChassis(s.Model))
	w("  Intel(R) Xeon(R) CPU  @ 1.80GHz with 24607580 kB of memory.\n  Processor Board ID %s\n", s.Serial)
	w("  Device name: %s\n  bootflash:   53298520 kB\n", s.Hostname)
	w("Kernel uptime is %d day(s), %d hour(s), %d minute(s), %d second(s)\n",
		secs/86400, secs%86400/3600, secs%3600/60, secs%60)
	w("Last reset at 310210 usecs after %s", e.p.restarted().Format("Mon Jan _2 15:04:05 2006"))
	w("  Reason: %s\n  System version: %s\n  Service:\n", s.ReloadReason, s.OSVersion)
	w("plugin\n  Core Plugin, Ethernet Plugin\n\nActive Package(s):\n")
	return b.String()
}

func nxosShowBoot(e *cmdEnv, _ []string) string {
	s := e.p.spec
	vars := ""
	for _, p := range s.Boot {
		vars += "NXOS variable = " + strings.Replace(p, ":", ":/", 1) + "\n"
	}
	return "\nCurrent Boot Variables:\n\nsup-1\n" + vars + "Boot POAP Disabled\n\nBoot Variables on next reload:\n\nsup-1\n" +
		vars + "Boot POAP Disabled\n"
}

func nxosShowInventory(e *cmdEnv, _ []string) string {
	s := e.p.spec
	return fmt.Sprintf("NAME: \"Chassis\",  DESCR: \"Nexus9000 %s Chassis\"\nPID: %-19s,  VID: V02 ,  SN: %s\n\n"+
		"NAME: \"Slot 1\",  DESCR: \"48x10/25G + 6x40/100G Ethernet Module\"\nPID: %-19s,  VID: V02 ,  SN: %s\n\n",
		nxosChassis(s.Model), s.Model, s.Serial, s.Model, s.Serial)
}

func nxosDir(e *cmdEnv, args []string) string {
	if len(args) == 1 && strings.TrimSuffix(strings.ToLower(args[0]), "/") != "bootflash:" {
		return fmt.Sprintf("No such file or directory\n")
	}
	when := e.p.restarted().Add(-72 * 3600e9).Format("Jan 02 15:04:05 2006")
	var b strings.Builder
	used := int64(0)
	for _, f := range e.p.files {
		fmt.Fprintf(&b, "%12d    %s  %s\n", f.served(), when, f.Name)
		used += f.Size
	}
	fmt.Fprintf(&b, "\nUsage for bootflash://\n %d bytes used\n %d bytes free\n %d bytes total\n",
		used, int64(bootflashTotal)-used, int64(bootflashTotal))
	return b.String()
}
