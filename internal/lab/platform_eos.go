package lab

import (
	"fmt"
	"strings"
)

// eosLab is Arista EOS. Its sshd is Linux's OpenSSH: flash: is served
// as /mnt/flash/ only.
var eosLab = labPlatform{outputs: eosOutputs, rejection: invalidArgs, served: unixServed("/mnt/flash/"),
	sysObjectID: ".1.3.6.1.4.1.30065.1.3011.7050",
	sysDescr: func(s DeviceSpec) string {
		return "Arista Networks EOS version " + s.OSVersion + " running on an Arista Networks " + s.Model
	}}

// eosOutputs simulates Arista EOS. The ROMMON field is the Aboot version
// (Aboot-norcal6-6.1.10-14653765); boot entries are flash:/EOS-x.swi.
var eosOutputs = map[string]runFunc{
	"show version":        eosShowVersion,
	"show version detail": eosShowVersionDetail,
	"show boot-config":    eosShowBootConfig,
	"dir":                 eosDir,
	"verify":              func(e *cmdEnv, args []string) string { return verifyFS(e, args, "flash:") },
}

func eosShowVersion(e *cmdEnv, _ []string) string {
	s := e.p.spec
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("Arista %s\nHardware version: 01.11\nSerial number: %s", s.Model, s.Serial)
	w("Hardware MAC address: 444c.a8a5.8f71\nSystem MAC address: 444c.a8a5.8f71\n")
	w("Software image version: %s\nArchitecture: i686\nInternal build version: %s-28669906.%s",
		s.OSVersion, s.OSVersion, strings.ReplaceAll(s.OSVersion, ".", ""))
	w("Internal build ID: cc8d9e8f-0f5c-4b2e-a3a1-1b6e9d6f1a54\nImage format version: 2.0\nImage optimization: Strata-4GB\n")
	w("Uptime: %s\nTotal memory: 3982456 kB\nFree memory: 2076700 kB\n", wordsUptime(e.p.uptime(e.now)))
	return b.String()
}

// eosShowVersionDetail adds the component table with the Aboot row.
func eosShowVersionDetail(e *cmdEnv, args []string) string {
	return eosShowVersion(e, args) + "Components\nName                  Version\n" +
		"--------------------- -------------------------------------------\n" +
		fmt.Sprintf("Aboot                 %s\nNormandyFpga          0x00000039\n\n", e.p.spec.ROMMON)
}

func eosShowBootConfig(e *cmdEnv, _ []string) string {
	return fmt.Sprintf("Software image: %s\nConsole speed: (not set)\nAboot password (encrypted): (not set)\nMemory test iterations: (not set)\n",
		bootPath(e.p.spec, "flash:/"))
}

func eosDir(e *cmdEnv, args []string) string {
	if len(args) == 1 && strings.TrimSuffix(strings.ToLower(args[0]), "/") != "flash:" {
		return "% Error listing directory " + args[0] + " (No such file or directory)\n"
	}
	when := e.p.restarted().Add(-72 * 3600e9).Format("Jan _2  2006")
	var b strings.Builder
	b.WriteString("Directory of flash:/\n\n")
	used := int64(0)
	for _, f := range e.p.files {
		fmt.Fprintf(&b, "       -rwx %11d           %s  %s\n", f.served(), when, f.Name)
		used += f.Size
	}
	fmt.Fprintf(&b, "\n%d bytes total (%d bytes free)\n", int64(bootflashTotal), int64(bootflashTotal)-used)
	return b.String()
}
