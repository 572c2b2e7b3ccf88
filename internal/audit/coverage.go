package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// checkNoBaseline is BASE-001 (info, never escalated): no baseline model
// matches the device, so ROM-001, IMG-00x and BOOT-001 did not run; BOOT-002
// used the default register set. Silent when nothing was parsed (PARSE-001
// says so) or the host key was refused (SSH-001).
func checkNoBaseline(in Input, r Rule) []Finding {
	if in.Model != nil || in.HostKeyChanged || nothingParsed(in.Facts) {
		return nil
	}
	model := visible(in.Facts.Model)
	platform := visible(in.Platform)
	skipped := "ROMMON, image and boot-variable checks did not run; the configuration register was checked against the default set 0x2102, 0x102"
	if model == "" {
		return []Finding{r.finding("model not reported", "the device's model",
			fmt.Sprintf("the device did not report its model, so no baseline could be chosen; %s", skipped))}
	}
	if !in.HasBaseline {
		return []Finding{r.finding(model, fmt.Sprintf("a baseline file with platform: %s", platform),
			fmt.Sprintf("no baseline file is for platform %s; %s", platform, skipped))}
	}
	return []Finding{r.finding(model, fmt.Sprintf("a models[] entry of platform %s whose glob matches %s", platform, model),
		fmt.Sprintf("baselines exist for platform %s but no model glob matches %s; %s", platform, model, skipped))}
}

// checkParsed is PARSE-001, a coverage gap, never escalated:
//   - medium when nothing at all was read from the device (no model, version,
//     image, ROMMON, boot variables, hashes or files): no check could run;
//   - info when the matched baseline expects a fact the parsers did not
//     produce (ROMMON version, running image), so that rule stayed quiet;
//   - info when saved outputs (a config backup) could not hold a fact a
//     live audit reads (Input.Unrecorded).
//
// Silent when the host key was refused: SSH-001 explains the empty facts.
func checkParsed(in Input, r Rule) []Finding {
	if in.HostKeyChanged {
		return nil
	}
	if nothingParsed(in.Facts) {
		return []Finding{r.finding("nothing parsed", "model, OS version, running image, ROMMON, boot variables",
			"could not read anything about the boot chain from the device; no firmware check ran")}
	}
	m := in.Model
	if m == nil {
		return nil
	}
	var missing []string
	if m.ROMMON != nil && !hasROMMONVersion(in.Facts.ROMMON) {
		missing = append(missing, "ROMMON version ("+ROM001+" did not run)")
	}
	if len(m.Images) > 0 && strings.TrimSpace(in.Facts.Image) == "" && !imageByVersion(in) {
		missing = append(missing, "running image ("+IMG001+" did not run)")
	}
	if !hasBootSettings(in.Facts.Boot) && !noBootSettings[in.Platform] {
		missing = append(missing, "boot variable or configuration register ("+BOOT001+"/"+BOOT002+" did not run)")
	}
	var out []Finding
	if len(in.Unrecorded) > 0 {
		f := r.finding("not in the saved outputs: "+strings.Join(in.Unrecorded, "; "), "every fact a live audit reads",
			"the saved-output format does not hold these facts, so the rules that judge them did not run; audit the device live for a verdict")
		f.Severity = Info
		out = append(out, f)
	}
	if len(missing) > 0 {
		f := r.finding("could not read "+strings.Join(missing, ", "), "every fact the baseline checks",
			fmt.Sprintf("baseline model %q (%s) expects these facts but the device's output did not yield them", m.Pattern, where(m)))
		f.Severity = Info
		out = append(out, f)
	}
	if m.ROMMON == nil {
		f := r.finding("baseline approves no boot firmware", "a rommon.approved list in the baseline model",
			fmt.Sprintf("baseline model %q (%s) has no rommon: entry, so the boot firmware was not compared (%s did not run)", m.Pattern, where(m), ROM001))
		f.Severity = Info
		out = append(out, f)
	}
	return out
}

// noBootSettings are the platforms that have neither a boot variable nor a
// configuration register to read (Junos boots what `request system
// software add` installed), so their absence is no coverage gap.
var noBootSettings = map[string]bool{"juniper_junos": true}

// hasBootSettings reports whether any boot setting was read: a boot
// variable entry or the configuration register.
func hasBootSettings(b facts.BootConfig) bool {
	return len(b.System) > 0 || strings.TrimSpace(b.ConfigRegister) != ""
}

func hasROMMONVersion(cs []facts.Component) bool {
	for _, c := range cs {
		if strings.TrimSpace(c.Version) != "" {
			return true
		}
	}
	return false
}

// nothingParsed reports whether the facts hold nothing read from the device.
func nothingParsed(f facts.Facts) bool {
	return strings.TrimSpace(f.Model) == "" && f.Serial == "" && f.OSVersion == "" && f.Image == "" &&
		f.Hostname == "" && len(f.ROMMON) == 0 && len(f.Boot.System) == 0 && f.Boot.ConfigRegister == "" &&
		f.Boot.ConfigRegisterNext == "" && len(f.ImageHashes) == 0 && len(f.Files) == 0 &&
		f.UptimeSeconds == 0 && f.LastReloadReason == ""
}
