package lab

import (
	"cmp"
	"fmt"
	"strings"
)

// CatSpec is the Catalyst 6500 side of a classic IOS device (inline in
// DeviceSpec; model WS-C65*). The supervisor's ROMMON is DeviceSpec.ROMMON.
type CatSpec struct {
	// LineCardFirmware is the Fw Version show module prints for the line
	// cards (their own ROMMON); default ROMMON.
	LineCardFirmware string `yaml:"linecard_firmware"`
}

// catalyst6500 reports whether a classic IOS device is a Catalyst 6500
// (Sup720 / Sup2T): its show version prints a ROM and a BOOTLDR line, its
// show module lists the supervisor and line cards with their firmware,
// and it boots from disk0:.
func catalyst6500(s DeviceSpec) bool { return strings.HasPrefix(s.Model, "WS-C65") }

// iosHome is the file system a classic IOS device boots from.
func iosHome(s DeviceSpec) string {
	if catalyst6500(s) {
		return "disk0:"
	}
	return "flash:"
}

// cat6kShowVersion is show version of a Catalyst 6500 Sup720 (the shape
// of internal/platform/testdata/cisco_iosxe/show-version-cat6500-rom-and-bootldr.txt):
// the boot loader line names the IOS image version, the ROM line the
// ROMMON.
func cat6kShowVersion(e *cmdEnv) string {
	s := e.p.spec
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("Cisco Internetwork Operating System Software")
	w("IOS (tm) s72033_rp Software (s72033_rp-ADVENTERPRISEK9_WAN-M), Version %s, RELEASE SOFTWARE (fc1)", s.OSVersion)
	w("Technical Support: http://www.cisco.com/techsupport\n")
	w("ROM: System Bootstrap, Version %s, RELEASE SOFTWARE (fc1)", s.ROMMON)
	w("BOOTLDR: s72033_rp Software (s72033_rp-ADVENTERPRISEK9_WAN-M), Version %s, RELEASE SOFTWARE (fc1)\n", s.OSVersion)
	w("%s uptime is %s", s.Hostname, iosUptime(e.p.uptime(e.now)))
	w("System returned to ROM by %s", strings.ToLower(returnedBy(s.ReloadReason)))
	w("System image file is \"disk0:%s\"\n", s.Image)
	if !s.VersionNoHardware {
		w("cisco %s (R7000) processor (revision 1.2) with 983008K/65536K bytes of memory.", s.Model)
		w("Processor board ID %s", s.Serial)
	}
	w("%s", confRegLine(s))
	return b.String()
}

// cat6kShowModule is show module of a Catalyst 6509-E with a Sup720 in
// slot 5 and two line cards (the shape of the corpus's
// cisco_ios_show_module1.raw): the Fw column is each module's ROMMON.
func cat6kShowModule(e *cmdEnv, args []string) string {
	if !catalyst6500(e.p.spec) || len(args) > 0 {
		return invalidArgs
	}
	s := e.p.spec
	lc := cmp.Or(s.LineCardFirmware, s.ROMMON)
	type mod struct{ n, ports, card, model, serial, mac, hw, fw string }
	mods := []mod{
		{"1", "48", "CEF720 48 port 10/100/1000mb Ethernet", "WS-X6748-GE-TX", "SAL1101" + suffix(s.Serial), "0011.2233.0000 to 0011.2233.002f", "2.5", lc},
		{"2", "24", "CEF720 24 port 1000mb SFP", "WS-X6724-SFP", "SAL1102" + suffix(s.Serial), "0011.2233.0100 to 0011.2233.0117", "2.5", lc},
		{"5", "2", "Supervisor Engine 720 (Active)", "WS-SUP720-3BXL", s.Serial, "0011.2233.0500 to 0011.2233.0503", "5.3", s.ROMMON},
	}
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("Mod Ports Card Type                              Model              Serial No.")
	w("--- ----- -------------------------------------- ------------------ -----------")
	for _, m := range mods {
		w("%3s%5s  %-38s %-18s %s", m.n, m.ports, m.card, m.model, m.serial)
	}
	w("\nMod MAC addresses                       Hw    Fw           Sw           Status")
	w("--- ---------------------------------- ------ ------------ ------------ -------")
	for _, m := range mods {
		w("%3s  %-32s   %-3s   %-12s %-12s Ok", m.n, m.mac, m.hw, m.fw, s.OSVersion)
	}
	w("\nMod  Online Diag Status\n---- -------------------")
	for _, m := range mods {
		w("%3s  Pass", m.n)
	}
	return b.String()
}

// suffix is the last four characters of s (serials of the line cards).
func suffix(s string) string {
	if len(s) <= 4 {
		return s
	}
	return s[len(s)-4:]
}
