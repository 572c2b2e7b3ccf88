package lab

import (
	"fmt"
	"strings"
)

// The issue #14 outputs: show inventory (IOS XE and classic IOS), show
// romvar and show install summary (IOS XE). Shapes as in
// internal/platform/testdata/cisco_iosxe (show-inventory-isr4331,
// show-romvar-c9300, show-install-summary-*).

// showInventory lists the chassis (PID and serial) and its route processor.
func showInventory(e *cmdEnv, _ []string) string {
	s := e.p.spec
	pid := s.Model
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("NAME: \"Chassis\", DESCR: \"Cisco %s Chassis\"", strings.SplitN(pid, "/", 2)[0])
	w("PID: %-18s, VID: V04  , SN: %s\n", pid, s.Serial)
	w("NAME: \"Power Supply Module 0\", DESCR: \"AC Power Supply\"")
	w("PID: %-18s, VID: V02  , SN: %s\n", "PWR-AC", "PST2150N1E2")
	w("NAME: \"module R0\", DESCR: \"Cisco %s Route Processor\"", strings.SplitN(pid, "/", 2)[0])
	w("PID: %-18s, VID: V04  , SN: %s\n", pid, s.Serial+"R")
	return b.String()
}

// showRomvar prints the ROMMON variables; BOOT is ROMMONBoot (default the
// IOS BOOT variable), each entry with its retry count.
func showRomvar(e *cmdEnv, _ []string) string {
	s := e.p.spec
	boot := s.ROMMONBoot
	if boot == nil {
		boot = s.Boot
	}
	var v strings.Builder
	for _, f := range boot {
		v.WriteString(f + ",12;")
	}
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("ROMMON variables:")
	if familyOf(s.Model).cat9k {
		w(" SWITCH_NUMBER = 1")
	}
	w(" MODEL_NUM = %s", s.Model)
	w(" MCP_STARTUP_TRACEFLAGS = 00000000:00000000")
	w(" BOOT = %s", v.String())
	w(" MANUAL_BOOT = no")
	w(" ENABLE_BREAK = no")
	w(" CONFIG_FILE = ")
	w(" ABNORMAL_RESET_COUNT = 0")
	return b.String()
}

// showInstallSummary is the install-mode package list: the running
// version committed (C), or activated and uncommitted (U) with the
// auto-abort timer running. A bundle-mode device rejects the command.
func showInstallSummary(e *cmdEnv, _ []string) string {
	s := e.p.spec
	if !s.InstallMode && !s.InstallUncommitted {
		return invalidArgs
	}
	state, timer := "C", "Auto abort timer: inactive"
	if s.InstallUncommitted {
		state, timer = "U", "Auto abort timer: active on install_activate, time before rollback - 01:59:44"
	}
	rule := strings.Repeat("-", 80)
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("[ R0 ] Installed Package(s) Information:")
	w("State (St): I - Inactive, U - Activated & Uncommitted,")
	w("            C - Activated & Committed, D - Deactivated & Uncommitted")
	w("%s\nType  St   Filename/Version\n%s", rule, rule)
	w("IMG   %-4s %s.0.1\n", state, s.OSVersion)
	w("%s\n%s\n%s", rule, timer, rule)
	return b.String()
}
