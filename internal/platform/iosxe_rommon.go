package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/release"
)

// romMonitorOutput is what `show rom-monitor <slot>` says. Routers print one
// version; ISR G2 prints a ReadOnly and an Upgrade region and which runs.
type romMonitorOutput struct {
	Version  string `json:"version"`            // the running ROMMON
	ReadOnly string `json:"readonly,omitempty"` // ReadOnly region version (ISR G2)
	Upgrade  string `json:"upgrade,omitempty"`  // Upgrade region version (ISR G2)
	Running  string `json:"running,omitempty"`  // "ReadOnly" or "Upgrade" when printed
}

// parseIOSXEROMMON parses `show rom-monitor r0` ("System Bootstrap, Version
// 16.12(2r), RELEASE SOFTWARE") and the "ROMMON version 16.12(1r)" form.
func parseIOSXEROMMON(s string) (romMonitorOutput, error) {
	var rm romMonitorOutput
	region := ""
	eachLine(s, func(line string) bool {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "ReadOnly ROMMON version"):
			region = "ReadOnly"
		case strings.HasPrefix(line, "Upgrade ROMMON version"):
			region = "Upgrade"
		case strings.HasPrefix(line, "Currently running ROMMON from ReadOnly"):
			rm.Running = "ReadOnly"
		case strings.HasPrefix(line, "Currently running ROMMON from Upgrade"):
			rm.Running = "Upgrade"
		case strings.HasPrefix(line, "System Bootstrap, Version ") || hasPrefixFold(line, "ROMMON version "):
			rm.setVersion(region, romVersion(versionPhrase(line)))
		}
		return true
	})
	switch rm.Running {
	case "ReadOnly":
		rm.Version = rm.ReadOnly
	case "Upgrade":
		rm.Version = rm.Upgrade
	}
	if rm.Version == "" {
		if unsupported(s) {
			return rm, fmt.Errorf("parse show rom-monitor: %w", ErrUnsupported)
		}
		return rm, fmt.Errorf("parse show rom-monitor: %w: no version line", ErrUnrecognized)
	}
	return rm, nil
}

func (rm *romMonitorOutput) setVersion(region, v string) {
	if v == "" {
		return
	}
	switch {
	case region == "ReadOnly" && rm.ReadOnly == "":
		rm.ReadOnly = v
	case region == "Upgrade" && rm.Upgrade == "":
		rm.Upgrade = v
	}
	if rm.Version == "" {
		rm.Version = v
	}
}

// bootVersion extracts a boot-firmware version from the text after "ROM:" or
// "BOOTLDR:" in show version: "System Bootstrap, Version 17.6.1r[FC2], ..."
// gives "17.6.1r[FC2]"; a bare "12.2(44r)SG9" is kept; "IOS-XE ROMMON" and
// "Bootstrap program is IOSv" carry no version and give "".
//
// Vendor suffixes after the version are dropped (release.Firmware):
// "12.2(8r) [cmong 8r]" gives "12.2(8r)", "0.0.16 [DEVELOPMENT SOFTWARE]
// crashkernel=64M" gives "0.0.16"; a build tag stays ("16.9.1r [FC2]").
func bootVersion(s string) string {
	if v := versionPhrase(s); v != "" {
		return romVersion(v)
	}
	tok := firstToken(s)
	if tok != "" && tok[0] >= '0' && tok[0] <= '9' {
		return romVersion(tok)
	}
	return ""
}

// romVersion is a boot-firmware version phrase without the vendor text
// after it, with a spaced build tag kept as printed ("16.9.1r [FC2]").
func romVersion(phrase string) string {
	v := release.Firmware(phrase)
	if tag := strings.IndexByte(v, '['); tag > 0 && strings.HasPrefix(phrase, v[:tag]+" [") {
		v = v[:tag] + " " + v[tag:]
	}
	return field(v)
}
