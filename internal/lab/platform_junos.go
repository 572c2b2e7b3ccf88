package lab

import (
	"fmt"
	"strings"
	"time"
)

// junosLab is Juniper Junos. Its sshd is FreeBSD's OpenSSH: the packages
// in /var/tmp/ are served under their absolute paths only.
var junosLab = labPlatform{outputs: junosOutputs, rejection: junosRejection, served: unixServed("/var/tmp/"),
	sysObjectID: ".1.3.6.1.4.1.2636.1.1.1.2.144",
	sysDescr: func(s DeviceSpec) string {
		return "Juniper Networks, Inc. " + strings.ToLower(s.Model) + " internet router, kernel JUNOS " + s.OSVersion
	}}

// junosRejection is what the Junos CLI prints for a command it lacks.
const junosRejection = "                 ^\nunknown command.\n"

// junosOutputs simulates Juniper Junos (MX). The ROMMON field is the ROM
// monitor version of the routing engine and FPC 0; files live in /var/tmp/.
var junosOutputs = map[string]runFunc{
	"show version":              junosShowVersion,
	"show chassis firmware":     junosShowFirmware,
	"show chassis hardware":     junosShowHardware,
	"show system uptime":        junosShowUptime,
	"file list":                 junosFileList,
	"file checksum":             junosFileChecksum, // platform_hashes.go
	"set cli screen-length":     silent,
	"set cli screen-width":      silent,
	"set cli complete-on-space": silent,
}

func junosShowVersion(e *cmdEnv, _ []string) string {
	s := e.p.spec
	return fmt.Sprintf("Hostname: %s\nModel: %s\nJunos: %s\nJUNOS OS Kernel 64-bit  [20230105.c2a4f3e_builder_stable_12]\n"+
		"JUNOS OS libs [20230105.c2a4f3e_builder_stable_12]\nJUNOS OS runtime [20230105.c2a4f3e_builder_stable_12]\n"+
		"JUNOS Packet Forwarding Engine Support (MX Common) [%s]\n\n", s.Hostname, strings.ToLower(s.Model), s.OSVersion, s.OSVersion)
}

func junosShowFirmware(e *cmdEnv, _ []string) string {
	s := e.p.spec
	var b strings.Builder
	b.WriteString("Part                     Type       Version\n")
	for _, part := range []string{"Routing Engine 0", "FPC 0"} {
		fmt.Fprintf(&b, "%-24s %-10s Juniper ROM Monitor Version %s\n", part, "ROM", s.ROMMON)
		fmt.Fprintf(&b, "%-24s %-10s Version %s by builder on 2023-01-05 04:12:35 UTC\n", "", "O/S", s.OSVersion)
	}
	return b.String() + "\n"
}

// junosShowUptime prints the routing engine's clock and boot time as
// `show system uptime` does (UTC, with the "ago" text).
func junosShowUptime(e *cmdEnv, _ []string) string {
	now := time.Now().UTC()
	booted := e.p.restarted().UTC()
	up := now.Sub(booted)
	days, hm := int(up/(24*time.Hour)), up%(24*time.Hour)
	ago := fmt.Sprintf("%dd %02d:%02d ago", days, int(hm/time.Hour), int(hm%time.Hour/time.Minute))
	const layout = "2006-01-02 15:04:05 MST"
	return fmt.Sprintf("Current time: %s\nTime Source:  LOCAL CLOCK\nSystem booted: %s (%s)\n"+
		"Protocols started: %s (%s)\n %s  up %d days, %d:%02d, 1 user, load averages: 0.08, 0.05, 0.01\n\n",
		now.Format(layout), booted.Format(layout), ago, booted.Format(layout), ago,
		now.Format("3:04PM"), days, int(hm/time.Hour), int(hm%time.Hour/time.Minute))
}

func junosShowHardware(e *cmdEnv, _ []string) string {
	s := e.p.spec
	return fmt.Sprintf("Hardware inventory:\nItem             Version  Part number  Serial number     Description\n"+
		"Chassis                                %-17s %s\nRouting Engine 0          BUILTIN      BUILTIN           Routing Engine\n\n",
		s.Serial, strings.ToUpper(s.Model))
}

func junosFileList(e *cmdEnv, args []string) string {
	dir := "/var/tmp/"
	for _, a := range args {
		if strings.HasPrefix(a, "/") {
			dir = a
		}
	}
	if strings.TrimSuffix(dir, "/") != "/var/tmp" {
		return dir + ": No such file or directory\n"
	}
	when := e.p.restarted().Add(-72 * 3600e9).Format("Jan _2  2006")
	var b strings.Builder
	fmt.Fprintf(&b, "\n/var/tmp/:\ntotal blocks: 2457664\n")
	for _, f := range e.p.files {
		fmt.Fprintf(&b, "-rw-r--r--  1 root  wheel  %10d %s %s\n", f.served(), when, f.Name)
	}
	fmt.Fprintf(&b, "total files: %d\n", len(e.p.files))
	return b.String()
}
