package lab

import (
	"fmt"
	"strings"
	"time"
)

const gplBlock = `Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
GPL code under the terms of GPL Version 2.0.  For more details, see the
documentation or "License Notice" file accompanying the IOS-XE software,
or the applicable URL provided on the flyer accompanying the IOS-XE
software.
`

const cryptoBlock = `This product contains cryptographic features and is subject to United
States and local country laws governing import, export, transfer and
use. Delivery of Cisco cryptographic products does not imply
third-party authority to import, export, distribute or use encryption.
Importers, exporters, distributors and users are responsible for
compliance with U.S. and local country laws. By using this product you
agree to comply with applicable laws and regulations. If you are unable
to comply with U.S. and local laws, return this product immediately.

A summary of U.S. laws governing Cisco cryptographic products may be found at:
http://www.cisco.com/wwl/export/crypto/tool/stqrg.html

If you require further assistance please contact us by sending email to
export@cisco.com.
`

func showVersion(e *cmdEnv, _ []string) string {
	s := e.p.spec
	fam := familyOf(s.Model)
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("Cisco IOS XE Software, Version %s", s.OSVersion)
	tr := ""
	if t := train(s.OSVersion); t != "" {
		tr = " [" + t + "]"
	}
	w("Cisco IOS Software%s, %s, Version %s, RELEASE SOFTWARE (fc3)", tr, fam.software, shortVersion(s.OSVersion))
	w("Technical Support: http://www.cisco.com/techsupport")
	w("Copyright (c) 1986-2023 by Cisco Systems, Inc.")
	w("Compiled Thu 19-Oct-23 09:39 by mcpre\n\n")
	b.WriteString(gplBlock + "\n\n")
	bootldr := fmt.Sprintf("BOOTLDR: System Bootstrap, Version %s, RELEASE SOFTWARE (P)", s.ROMMON)
	switch {
	case fam.cat9k && s.BootldrQuirk:
		w("ROM: IOS-XE ROMMON%s", bootldr)
	case fam.cat9k:
		w("ROM: IOS-XE ROMMON")
		w("%s", bootldr)
	default:
		w("ROM: IOS-XE ROMMON")
	}
	up := e.p.uptime(e.now)
	w("\n%s uptime is %s", s.Hostname, iosUptime(up))
	w("Uptime for this control processor is %s", iosUptime(up+3*time.Minute))
	back := e.p.restarted()
	w("System returned to ROM by %s at %s", returnedBy(s.ReloadReason), back.Add(-6*time.Minute).Format(iosTime))
	w("System restarted at %s", back.Format(iosTime))
	w("System image file is \"bootflash:%s\"", s.Image)
	w("Last reload reason: %s\n\n\n", s.ReloadReason)
	b.WriteString(cryptoBlock + "\n\n")
	if !s.VersionNoHardware {
		w("cisco %s (%s) processor with %s bytes of memory.", s.Model, fam.cpu, fam.memory)
		w("Processor board ID %s", s.Serial)
	}
	if !fam.cat9k {
		w("Router operating mode: Autonomous")
	}
	w("4 Gigabit Ethernet interfaces")
	w("32768K bytes of non-volatile configuration memory.")
	w("8388608K bytes of physical memory.")
	w("%dK bytes of flash memory at bootflash:.\n", fam.flashKB)
	if fam.cat9k && !s.VersionNoHardware {
		mode := "BUNDLE"
		if s.InstallMode || s.InstallUncommitted {
			mode = "INSTALL"
		}
		w("Model Number                       : %s", s.Model)
		w("System Serial Number               : %s\n", s.Serial)
		w("Switch Ports Model              SW Version        SW Image              Mode   ")
		w("------ ----- -----              ----------        ----------            ----   ")
		w("*    1 56    %-18s %-17s %-21s %s\n", s.Model, s.OSVersion, "CAT9K_IOSXE", mode)
	}
	w("%s\n", confRegLine(s))
	return b.String()
}

func returnedBy(reason string) string {
	if strings.EqualFold(reason, "Reload Command") || reason == "" {
		return "Reload Command"
	}
	return reason
}

func confRegLine(s DeviceSpec) string {
	if s.ConfigRegisterNext != "" && s.ConfigRegisterNext != s.ConfigRegister {
		return fmt.Sprintf("Configuration register is %s (will be %s at next reload)", s.ConfigRegister, s.ConfigRegisterNext)
	}
	return "Configuration register is " + s.ConfigRegister
}
