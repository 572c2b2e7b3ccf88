package audit

import (
	"fmt"
	"strings"
	"time"

	"fwaudit/internal/facts"
)

// Rules for the facts Cisco ASA reports (facts.Firewall): they read only
// that struct, so they are quiet on every platform that does not fill it.
// On an ASA, a fact missing from it (a command that did not answer) is not
// "clean": FACT-001 / PARSE-001 judge absence, these rules judge presence.

// legacyASA are the ASA 5500-X models released before Secure Boot and
// Trust Anchor, with their last date of support (Cisco Event Response
// "Continued Attacks Against Cisco Firewalls", shared/reference/cisco-asa.md
// §1.3): the only models where ROMMON modification was observed.
var legacyASA = []struct {
	prefix string
	eos    time.Time
}{
	{"ASA5512", time.Date(2022, 8, 31, 0, 0, 0, 0, time.UTC)},
	{"ASA5515", time.Date(2022, 8, 31, 0, 0, 0, 0, time.UTC)},
	{"ASA5525", time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)},
	{"ASA5545", time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)},
	{"ASA5555", time.Date(2025, 9, 30, 0, 0, 0, 0, time.UTC)},
	{"ASA5585", time.Date(2023, 5, 31, 0, 0, 0, 0, time.UTC)},
}

// legacyModel returns the legacy entry a model string names: "ASA5515",
// "ASA5585-SSP-40", "ASA 5525-X".
func legacyModel(model string) (string, time.Time, bool) {
	m := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(model), " ", ""))
	for _, l := range legacyASA {
		if strings.HasPrefix(m, l.prefix) {
			return l.prefix, l.eos, true
		}
	}
	return "", time.Time{}, false
}

// checkHardwareTrust is HW-001: the model has no Secure Boot / Trust
// Anchor, so its boot chain cannot be attested by the device; critical once
// its last date of support has passed (CISA ED 25-03: disconnect and
// replace end-of-support hardware).
func checkHardwareTrust(in Input, r Rule) []Finding {
	fw := in.Facts.Firewall
	if fw == nil {
		return nil
	}
	name, eos, ok := legacyModel(in.Facts.Model)
	if !ok {
		return nil
	}
	model := visible(in.Facts.Model)
	evidence := fmt.Sprintf("model %s is an ASA 5500-X released before Secure Boot and Trust Anchor (%s family): nothing on the box verifies the ROMMON, "+
		"and these are the only models on which Cisco observed ROMMON modified to persist across reboots and upgrades (Cisco Event Response, ArcaneDoor / RayInitiator); "+
		"last date of support %s", model, name, eos.Format(time.DateOnly))
	if len(fw.TrustHints) > 0 {
		evidence += fmt.Sprintf("; the device nevertheless prints Secure Boot hints (%s): a model without Secure Boot claiming it is itself suspicious", visible(strings.Join(fw.TrustHints, "; ")))
	}
	f := r.finding(model+": no Secure Boot / Trust Anchor", "hardware with Secure Boot and Trust Anchor (ASA 5506/5508/5516-X, Firepower, Secure Firewall)", evidence)
	if !in.now().Before(eos) {
		f.Severity = Critical
		f.Evidence += " (past): CISA ED 25-03 requires end-of-support ASA hardware to be disconnected and replaced"
		return []Finding{f.escalate("end-of-support firewall hardware that cannot attest its boot chain, of the model class whose ROMMON was modified in the wild: ED 25-03 says replace")}
	}
	return []Finding{f}
}

// checkFirmwareUpdateLog is ROM-006: firmware_update.log (Cisco's name) or
// firmwareupdate.log (CISA's Ansible) on the device's storage. A fixed ASA
// release writes it when it finds and removes a ROMMON persistence
// mechanism: the device was compromised.
func checkFirmwareUpdateLog(in Input, r Rule) []Finding {
	var out []Finding
	for _, f := range in.Facts.Files {
		base := strings.ToLower(facts.BaseName(f.Name))
		if base != "firmware_update.log" && base != "firmwareupdate.log" {
			continue
		}
		evidence := fmt.Sprintf("%s (%d bytes) is on the device's storage: Cisco's fixed releases write it when they detect and remove the ROMMON persistence mechanism "+
			"of the ArcaneDoor actor, then reload. The device was compromised: open a TAC case with show tech-support and the file's contents, "+
			"treat the configuration, passwords, keys and certificates as untrusted", visible(f.Name), f.Size)
		out = append(out, r.finding(visible(f.Name), "no firmware_update.log on disk0:", evidence).escalate(
			"the device's own fixed image found and removed a ROMMON implant (T1542.004): incident, not drift"))
	}
	return out
}

// checkTextSegment is MEM-001: the device's SHA-512 of its running code
// segment (verify /sha-512 system:/text) differs from the known-good value
// the baseline gives for the model and release. Quiet when no hash was
// taken (deep mode only) or the baseline has no value for the release.
func checkTextSegment(in Input, r Rule) []Finding {
	fw, m := in.Facts.Firewall, in.Model
	if fw == nil || m == nil || fw.Runtime.TextSHA512 == "" {
		return nil
	}
	release := in.Facts.OSVersion
	ts, ok := m.TextSegment(release)
	if !ok && in.Facts.OSVersionRaw != "" {
		ts, ok = m.TextSegment(in.Facts.OSVersionRaw)
	}
	if !ok || strings.EqualFold(ts.SHA512, fw.Runtime.TextSHA512) {
		return nil
	}
	got := visible(fw.Runtime.TextSHA512)
	evidence := fmt.Sprintf("verify /sha-512 %s printed %s; baseline model %q (%s:%d) gives %s for release %s. "+
		"The code running in memory is not the known-good code of this release: patched in memory (Line Dancer, LINE VIPER) or a different build. "+
		"A match would not have been a clearance: LINE VIPER can make verify return the legitimate hash",
		visible(nonEmptyString(fw.Runtime.TextPath, "system:/text")), got, m.Pattern, m.File, ts.Line, ts.SHA512, visible(release))
	return []Finding{r.finding(got, ts.SHA512, evidence).escalate("running code differs from the known-good text segment of its release: in-memory implant suspected (T1601.001)")}
}

// checkImplantIndicators is MEM-002: the runtime indicators of the ASA
// forensic guides and of CISA's ED 25-03 hunt, one finding each: any
// lina_cs process (FIRESTARTER), more than one executable lina region
// (Line Dancer), a CISA byte-pattern hit, a checkheaps run counter that
// does not move between two samples.
func checkImplantIndicators(in Input, r Rule) []Finding {
	fw := in.Facts.Firewall
	if fw == nil {
		return nil
	}
	rt := fw.Runtime
	var out []Finding
	if len(rt.Processes) > 0 {
		f := r.finding("lina_cs process running", "no lina_cs process",
			fmt.Sprintf("show kernel process | include lina_cs printed %s: Cisco: any output indicates compromise (FIRESTARTER, CISA/NCSC AR26-113A); "+
				"reload does not clear it: reimage, pull the power cord as an interim measure", visible(strings.Join(rt.Processes, " | "))))
		out = append(out, f.escalate("FIRESTARTER backdoor process present: compromise per Cisco"))
	}
	var exec []facts.MemRegion
	for _, reg := range rt.Regions {
		if reg.Executable() {
			exec = append(exec, reg)
		}
	}
	if len(exec) > 1 {
		var parts []string
		page := false
		for _, reg := range exec {
			parts = append(parts, fmt.Sprintf("%s-%s %s (%d bytes)", visible(reg.Start), visible(reg.End), visible(reg.Perms), reg.Size))
			page = page || reg.Size == 0x1000
		}
		ev := fmt.Sprintf("show memory region | include lina lists %d executable lina regions: %s; a clean ASA maps exactly one (Talos, ArcaneDoor)", len(exec), strings.Join(parts, ", "))
		if page {
			ev += "; one is exactly 0x1000 bytes, the Line Dancer shape"
		}
		f := r.finding(fmt.Sprintf("%d executable lina regions", len(exec)), "one executable lina region", ev)
		f.Severity = High
		out = append(out, f.escalate("extra executable region in lina: Line Dancer shellcode suspected"))
	}
	if len(rt.PatternHits) > 0 {
		f := r.finding("CISA implant byte pattern found in system:/text", "no output from the CISA pattern hunt",
			fmt.Sprintf("more /binary system:/text | grep 55534154 41554156 41575756 488bb3a0 printed %s: CISA ED 25-03 Core Dump and Hunt: compromise detected; "+
				"disconnect the device from the network but do not power it off, and report", visible(strings.Join(rt.PatternHits, " | "))))
		out = append(out, f.escalate("CISA ED 25-03 implant pattern present in the running code"))
	}
	if c := rt.Checkheaps; len(c) >= 2 && c[len(c)-1].Runs <= c[0].Runs {
		f := r.finding(fmt.Sprintf("checkheaps runs %d then %d", c[0].Runs, c[len(c)-1].Runs), "the Total number of runs counter increases between samples",
			fmt.Sprintf("show checkheaps: Total number of runs was %d (%s) and %d (%s): the heap checker did not run between the samples; "+
				"CISA and Cisco's detection guide read a counter that does not move as tampering", c[0].Runs, visible(c[0].Origin), c[len(c)-1].Runs, visible(c[len(c)-1].Origin)))
		f.Severity = High
		out = append(out, f.escalate("checkheaps stalled: lina tampering suspected"))
	}
	return out
}

// checkCrashes is CRASH-001: crash files on the device's storage, a saved
// crash in show crashinfo, or a last reload that was a crash. The
// ArcaneDoor actor crashes devices on purpose to prevent diagnostic
// analysis (Cisco Event Response), so a crash on an exposed firewall is
// investigated, not filed.
func checkCrashes(in Input, r Rule) []Finding {
	fw := in.Facts.Firewall
	if fw == nil {
		return nil
	}
	var what []string
	if c := fw.Crash; c != nil {
		for _, f := range c.Files {
			what = append(what, fmt.Sprintf("%s (%d bytes)", visible(f.Name), f.Size))
		}
		if c.Crashinfo == "present" {
			s := "show crashinfo holds a saved crash"
			if len(c.Summary) > 0 {
				s += ": " + visible(strings.Join(c.Summary, "; "))
			}
			what = append(what, s)
		}
	}
	if reason := strings.ToLower(in.Facts.LastReloadReason); reason != "" {
		for _, k := range []string{"crash", "traceback", "watchdog", "page fault", "exception"} {
			if strings.Contains(reason, k) {
				what = append(what, "last reload reason: "+visible(in.Facts.LastReloadReason))
				break
			}
		}
	}
	if len(what) == 0 {
		return nil
	}
	evidence := strings.Join(what, "; ") + ". The actor of ED 25-03 crashes devices intentionally to prevent diagnostic analysis, and a core dump attempt " +
		"that reboots without producing a dump is a documented anti-forensic sign: keep the files, compare the time with the uptime and the change records"
	return []Finding{r.finding(fmt.Sprintf("%d crash record(s)", len(what)), "no crash files or saved crash", evidence)}
}

// checkLoggingDisabled is LOG-003: the device's own logging is off (syslog
// disabled, or no remote syslog destination). LOG-001 judges the sources
// that log lines name; it cannot see a device that stopped logging.
// Disabling logging is a documented step of the ED 25-03 actor. Quiet when
// the logging state was not read.
func checkLoggingDisabled(in Input, r Rule) []Finding {
	l := in.Facts.Logging
	if l == nil {
		return nil
	}
	hint := "; suppression of messages 302013/302014/609002/710005 happens in memory and does not show in the configuration: compare the SIEM's volume for this device"
	if strings.EqualFold(l.Syslog, "disabled") {
		f := r.finding("Syslog logging: disabled", "Syslog logging: enabled, with a remote host",
			"show logging: Syslog logging: disabled (trap "+visible(nonEmptyString(l.Trap, "not shown"))+", buffer "+visible(nonEmptyString(l.Buffer, "not shown"))+
				"): the device records nothing; the ED 25-03 actor disables logging to hide"+hint)
		return []Finding{f}
	}
	if len(l.Hosts) == 0 || strings.EqualFold(l.Trap, "disabled") {
		f := r.finding("no remote syslog destination", "Trap logging on, with at least one Logging to <host>",
			"show logging: Syslog logging is enabled but trap logging is "+visible(nonEmptyString(l.Trap, "not shown"))+
				" and no remote host is listed: nothing leaves the box, so a compromised device can erase its own record"+hint)
		f.Severity = Medium
		return []Finding{f}
	}
	return nil
}

func nonEmptyString(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}
