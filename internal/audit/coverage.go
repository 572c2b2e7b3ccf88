package audit

import (
	"fmt"
	"slices"
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
//     produce (running image on a platform that may not print one, boot
//     settings), so that rule stayed quiet;
//   - info when the device's log held more events than the parser keeps
//     (Facts.LogsDropped): the log rules did not see them all.
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
	out := logsCapped(in, r)
	if len(in.Unrecorded) > 0 {
		f := r.finding("not in the saved outputs: "+strings.Join(in.Unrecorded, "; "), "every fact a live audit reads",
			"the saved-output format does not hold these facts, so the rules that judge them did not run; audit the device live for a verdict")
		f.Severity = Info
		out = append(out, f)
	}
	m := in.Model
	if m == nil {
		return out
	}
	// A missing ROMMON version the baseline approves some of, and a
	// missing image the platform always gives, are FACT-001 (withheld.go).
	var missing []string
	if len(m.Images) > 0 && strings.TrimSpace(in.Facts.Image) == "" && !slices.Contains(in.MustYield, facts.FactImage) && !imageByVersion(in) {
		missing = append(missing, "running image ("+IMG001+" did not run)")
	}
	if !hasBootSettings(in.Facts.Boot) && !in.NoBootSettings {
		missing = append(missing, "boot variable or configuration register ("+BOOT001+"/"+BOOT002+" did not run)")
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

// logsCapped is PARSE-001 (info) for a device log with more
// security-relevant events than the parser keeps: LOG-001 and LOG-002 did
// not see the rest, so the device is not assessed (a flood of harmless
// logins must not hide the one that matters without a word).
func logsCapped(in Input, r Rule) []Finding {
	n := in.Facts.LogsDropped
	if n <= 0 {
		return nil
	}
	f := r.finding(fmt.Sprintf("log cap reached: %d log event(s) not judged", n), "every security-relevant log event judged",
		fmt.Sprintf("the device's log held %d security-relevant event(s) past the parser's cap (the %d kept were judged); %s and %s did not see the rest",
			n, len(in.Facts.Logs), LOG001, LOG002))
	f.Severity = Info
	return []Finding{f}
}

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
