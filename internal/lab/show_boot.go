package lab

import (
	"fmt"
	"strings"
)

func showROMMonitor(e *cmdEnv, args []string) string {
	slot := strings.ToLower(strings.Join(args, " "))
	switch slot {
	case "r0", "0", "f0", "rp active", "":
	default:
		return invalidArgs
	}
	if slot == "" && !familyOf(e.p.spec.Model).cat9k {
		return "% Incomplete command.\n\n"
	}
	return fmt.Sprintf("System Bootstrap, Version %s, RELEASE SOFTWARE\nCopyright (c) 1994-2023  by cisco Systems, Inc.\n\n", e.p.spec.ROMMON)
}

// invalidArgs reports bad arguments without a caret position.
const invalidArgs = "% Invalid input detected at '^' marker.\n\n"

func showPlatform(e *cmdEnv, _ []string) string {
	s := e.p.spec
	fam := familyOf(s.Model)
	age := insertTime(e.p.uptime(e.now))
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("Chassis type: %s\n", s.Model)
	w("Slot      Type                State                 Insert time (ago) ")
	w("--------- ------------------- --------------------- ----------------- ")
	w("%-9s %-19s %-21s %s        ", "0", s.Model, "ok", age)
	w("%-9s %-19s %-21s %s        ", " 0/0", strings.SplitN(s.Model, "/", 2)[0]+"-4x1GE", "ok", age)
	w("%-9s %-19s %-21s %s        ", "R0", s.Model, "ok, active", age)
	w("%-9s %-19s %-21s %s        ", "F0", fam.fp, "ok, active", age)
	w("%-9s %-19s %-21s %s        ", "P0", "PWR-AC", "ok", age)
	w("")
	w("Slot      CPLD Version        Firmware Version                        ")
	w("--------- ------------------- --------------------------------------- ")
	for _, slot := range []string{"0", "R0", "F0"} {
		w("%-9s %-19s %-39s ", slot, "19030120", s.ROMMON)
	}
	w("")
	return b.String()
}

func showBootvar(e *cmdEnv, _ []string) string {
	s := e.p.spec
	var boot strings.Builder
	for _, f := range s.Boot {
		boot.WriteString(f + ",12;")
	}
	return fmt.Sprintf("BOOT variable = %s\nCONFIG_FILE variable = \nBOOTLDR variable does not exist\n%s\n\nStandby not ready to show bootvar\n\n",
		boot.String(), confRegLine(s))
}

func showRunningConfig(e *cmdEnv, _ []string) string {
	s := e.p.spec
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("Building configuration...\n")
	w("Current configuration : 2714 bytes")
	w("!\n! Last configuration change at %s by admin\n!", e.p.restarted().Format(iosTime))
	parts := strings.Split(shortVersion(s.OSVersion), ".")
	w("version %s", strings.Join(parts[:min(2, len(parts))], "."))
	w("service timestamps debug datetime msec\nservice timestamps log datetime msec\nservice password-encryption")
	w("!\nhostname %s\n!", s.Hostname)
	w("boot-start-marker")
	for _, f := range s.Boot {
		w("boot system %s", f)
	}
	w("boot-end-marker\n!\n!")
	w("enable secret 9 $9$lab$notarealsecrethash0000000000000000000000\n!")
	w("no aaa new-model\n!\nip domain name lab.example\n!\nlogin on-success log\n!")
	w("license udi pid %s sn %s\n!", s.Model, s.Serial)
	w("username %s privilege 15 secret 9 $9$lab$notarealsecrethash0000000000000000000000\n!", s.Username)
	w("interface GigabitEthernet0/0/0\n ip address 192.0.2.1 255.255.255.0\n negotiation auto\n!")
	w("ip ssh version 2\n!\nline con 0\n stopbits 1\nline vty 0 4\n login local\n transport input ssh\n!")
	if reg := configuredRegister(s); reg != defaultConfReg {
		w("config-register %s\n!", reg)
	}
	w("end\n")
	return b.String()
}

// configuredRegister is what "config-register" in the running config says:
// the value for the next reload.
func configuredRegister(s DeviceSpec) string {
	if s.ConfigRegisterNext != "" {
		return s.ConfigRegisterNext
	}
	return s.ConfigRegister
}

func showClock(e *cmdEnv, _ []string) string {
	return "*" + e.now.UTC().Format("15:04:05.000 MST Mon Jan 2 2006") + "\n"
}
