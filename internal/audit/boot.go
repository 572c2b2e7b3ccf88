package audit

import (
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// checkBootSystem is BOOT-001: a boot system / BOOT variable entry whose
// bare name is not an approved image (packages.conf only if the baseline
// lists it; "flash:" with no file is not pinned to any image). Quiet when the
// baseline lists no images or the boot list is empty.
func checkBootSystem(in Input, r Rule) []Finding {
	m := in.Model
	if m == nil || len(m.Images) == 0 {
		return nil
	}
	var out []Finding
	entries := in.Facts.Boot.System
	for i, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if _, ok := m.Image(facts.BaseName(e)); ok {
			continue
		}
		shown := visible(e)
		evidence := fmt.Sprintf("boot system entry %d of %d is %s (bare name %q); baseline model %q (%s) approves other images",
			i+1, len(entries), shown, visible(facts.BaseName(e)), m.Pattern, where(m))
		f := r.finding(shown, list(m.ImageNames()), evidence)
		out = append(out, f.escalate(notApproved("next-boot image", shown, m.ImageNames(), m)))
	}
	return out
}

// checkConfigRegister is BOOT-002: the configuration register, now or at
// next reload, is not in the model's list (or the default 0x2102, 0x102 when
// the list is empty or no baseline matched; 0x1 on an ASA). Escalated when the value makes
// the device ignore its startup configuration or stay in ROMMON.
func checkConfigRegister(in Input, r Rule) []Finding {
	var out []Finding
	for _, reg := range []struct{ when, v string }{
		{"now", in.Facts.Boot.ConfigRegister},
		{"at next reload", in.Facts.Boot.ConfigRegisterNext},
	} {
		v := strings.TrimSpace(reg.v)
		if v == "" || registerApproved(in, v) {
			continue
		}
		shown := visible(v)
		n, err := baseline.ParseRegister(v)
		if err != nil {
			out = append(out, r.finding(shown, list(approvedRegisters(in)),
				fmt.Sprintf("configuration register %s is %s: not a hexadecimal register value", reg.when, shown)))
			continue
		}
		f := r.finding(shown, list(approvedRegisters(in)),
			fmt.Sprintf("configuration register %s is %s: %s", reg.when, shown, decodeRegister(n)))
		if why := dangerousRegister(n); why != "" {
			f = f.escalate(fmt.Sprintf("configuration register %s (%s) %s; playbook T1542.004: escalate", shown, reg.when, why))
		}
		out = append(out, f)
	}
	return out
}

// asaDefaultRegisters is the Cisco ASA's normal register, 0x1 (0x41 makes
// it ignore the startup configuration), not IOS's 0x2102 (reference §3.5).
var asaDefaultRegisters = []string{"0x1"}

// approvedRegisters are the model's values; without any, the platform
// default: the ASA's for a device that reported ASA facts, else
// baseline.DefaultConfigRegisters.
func approvedRegisters(in Input) []string {
	if (in.Model == nil || len(in.Model.ConfigRegister) == 0) && in.Facts.Firewall != nil {
		return asaDefaultRegisters
	}
	return in.Model.ConfigRegisters()
}

func registerApproved(in Input, v string) bool {
	n, ok := baseline.NormalizeRegister(v)
	return ok && slices.Contains(approvedRegisters(in), n)
}

// Configuration-register bits (vendor-integrity.md §1.1).
const (
	regBootField   = 0x000f // 0 stay in ROMMON, 1 boot first image, 2-F boot system / BOOT variable
	regIgnoreNVRAM = 0x0040 // ignore the startup configuration (0x2142 password recovery)
	regBreakOff    = 0x0100 // Break disabled
)

// dangerousRegister says why a register value must be escalated, or "".
func dangerousRegister(v uint16) string {
	var why []string
	if v&regIgnoreNVRAM != 0 {
		why = append(why, "ignores the startup configuration (NVRAM)")
	}
	if v&regBootField == 0 {
		why = append(why, "stays in ROMMON at reload")
	}
	return strings.Join(why, " and ")
}

// decodeRegister explains what a configuration-register value does.
func decodeRegister(v uint16) string {
	var parts []string
	switch bf := v & regBootField; bf {
	case 0:
		parts = append(parts, "boot field 0x0: stays in ROMMON at reload")
	case 1:
		parts = append(parts, "boot field 0x1: boots the first image in flash / the boot ROM image, ignoring boot system")
	default:
		parts = append(parts, fmt.Sprintf("boot field 0x%x: boots from boot system / the BOOT variable", bf))
	}
	if v&regIgnoreNVRAM != 0 {
		parts = append(parts, "bit 6 (0x0040) set: ignores the startup configuration (password recovery)")
	}
	if v&regBreakOff == 0 {
		parts = append(parts, "bit 8 (0x0100) clear: console Break is enabled")
	}
	return strings.Join(parts, "; ")
}
