package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// parseIOSXEBootvar parses `show bootvar` (IOS XE routers) and `show boot`
// (Catalyst): the BOOT variable ("BOOT variable = a,12;b,1;" or "BOOT
// path-list : a;b") and the configuration register. When the output has a
// "Boot Variables on next reload" section, its BOOT variable wins; standby
// lines are ignored.
func parseIOSXEBootvar(s string) (facts.BootConfig, error) {
	s = unwrap(s, bootvarContinues) // a pasted output: indented, wrapped at the terminal width
	var bc facts.BootConfig
	recognized, inNextReload := false, false
	src := 0 // where bc.System came from: 0 nowhere, 1 a BOOT line, 2 a next-reload BOOT line
	eachLine(s, func(line string) bool {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "Boot Variables on next reload"):
			inNextReload, recognized = true, true
		case strings.HasPrefix(line, "BOOT variable") || strings.HasPrefix(line, "BOOT path-list"):
			recognized = true
			_, list, ok := cutSeparator(line)
			switch {
			case !ok:
			case inNextReload && src < 2:
				bc.System, src = splitBootList(list), 2
			case src == 0:
				bc.System, src = splitBootList(list), 1
			}
		case hasPrefixFold(line, "Configuration register is "):
			recognized = true
			if bc.ConfigRegister == "" {
				bc.ConfigRegister, bc.ConfigRegisterNext = parseConfigRegister(line[len("Configuration register is "):])
			}
		case strings.HasPrefix(line, "CONFIG_FILE variable"), strings.HasPrefix(line, "BOOTLDR variable"),
			strings.HasPrefix(line, "MANUAL_BOOT variable"), strings.HasPrefix(line, "Manual Boot"),
			strings.HasPrefix(line, "Config file"), strings.HasPrefix(line, "Current Boot Variables"):
			recognized = true
		}
		return true
	})
	if !recognized {
		if unsupported(s) {
			return bc, fmt.Errorf("parse show bootvar: %w", ErrUnsupported)
		}
		return bc, fmt.Errorf("parse show bootvar: %w: no BOOT variable or configuration register line", ErrUnrecognized)
	}
	return bc, nil
}

// cutSeparator splits "KEY = value" or "KEY : value" at the first '=' or ':'
// that has a space before it (so "bootflash:x" is not cut).
func cutSeparator(line string) (key, value string, ok bool) {
	for _, sep := range []string{" = ", " =", " : ", " :"} {
		if i := strings.Index(line, sep); i >= 0 {
			return line[:i], line[i+len(sep):], true
		}
	}
	return line, "", false
}

// splitBootList turns "bootflash:packages.conf,12;bootflash:x.bin,1;" into
// [bootflash:packages.conf bootflash:x.bin]: retries dropped, empty entries
// dropped, at most maxBootEntries kept.
func splitBootList(list string) []string {
	var out []string
	for entry := range strings.SplitSeq(list, ";") {
		if len(out) == maxBootEntries {
			break
		}
		entry = strings.TrimSpace(entry)
		if i := strings.LastIndexByte(entry, ','); i >= 0 && isDigits(entry[i+1:]) {
			entry = strings.TrimSpace(entry[:i])
		}
		if e := field(entry); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// parseIOSXERunningBoot parses the lines of `show running-config | include
// boot|config-register`: "boot system [flash] bootflash:x.bin", "boot system
// switch all flash:packages.conf", "config-register 0x2102". Config-register
// goes to ConfigRegister; the merge decides whether it is now or next.
func parseIOSXERunningBoot(s string) (facts.BootConfig, error) {
	var bc facts.BootConfig
	if unsupported(s) {
		return bc, fmt.Errorf("parse running-config boot lines: %w", ErrUnsupported)
	}
	eachLine(s, func(line string) bool {
		f := strings.Fields(limit(line))
		switch {
		case len(f) >= 3 && f[0] == "boot" && f[1] == "system" && len(bc.System) < maxBootEntries:
			if p := bootSystemPath(f[2:]); p != "" {
				bc.System = append(bc.System, p)
			}
		case len(f) >= 2 && f[0] == "config-register" && bc.ConfigRegister == "":
			bc.ConfigRegister = field(f[1])
		}
		return true
	})
	return bc, nil
}

// bootSystemPath reads the words after "boot system": an optional "switch
// all|N", an optional device keyword ("flash", "tftp"), then the path.
func bootSystemPath(f []string) string {
	if len(f) >= 2 && f[0] == "switch" {
		f = f[2:]
	}
	if len(f) == 0 {
		return ""
	}
	switch f[0] {
	case "flash", "bootflash", "tftp", "ftp", "rcp", "usbflash0":
		if len(f) == 1 {
			return ""
		}
		if strings.Contains(f[1], ":") {
			return field(f[1])
		}
		return field(f[0] + ":" + f[1])
	case "rom", "mop":
		return ""
	}
	return field(f[0])
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// bootvarContinues: a "KEY = value" / "KEY : value" line wrapped at the
// terminal width continues on a line that is no such line itself.
func bootvarContinues(line, next string) bool {
	keyed := func(l string) bool {
		t := strings.TrimSpace(l)
		return strings.Contains(t, " = ") || strings.Contains(t, " : ") || strings.HasSuffix(t, " =") ||
			strings.HasSuffix(t, ":") || strings.HasPrefix(t, "---") || strings.HasPrefix(t, "Switch ") ||
			strings.HasPrefix(t, "Configuration register") || strings.HasPrefix(t, "BOOT") || strings.HasPrefix(t, "Standby")
	}
	return keyed(line) && !keyed(next)
}
