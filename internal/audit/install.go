package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// checkUncommittedInstall is BOOT-004: an IOS XE install-mode package is
// activated but not committed (show install summary state U or D): the
// device runs software that the next reload or the abort timer rolls back,
// so what runs is not what boots. Quiet when every package is committed or
// inactive, when the output was not collected, or inside a change window
// that allows image changes (an upgrade in progress).
func checkUncommittedInstall(in Input, r Rule) []Finding {
	inst := in.Facts.Install
	if inst == nil {
		return nil
	}
	var pending []string
	for _, p := range inst.Packages {
		if p.State == facts.InstallUncommitted || p.State == facts.InstallDeactivated {
			what := fmt.Sprintf("%s %s (%s)", visible(p.Type), visible(p.Name), stateText(p.State))
			if loc := visible(p.Location); loc != "" {
				what += " on " + loc
			}
			pending = append(pending, what)
		}
	}
	if len(pending) == 0 {
		return nil
	}
	now := in.now()
	a := in.windowAnswer(baseline.KindImage, now, now)
	if a.WindowFound {
		return nil
	}
	timer := visible(inst.AutoAbort)
	if timer == "" {
		timer = "not reported"
	}
	evidence := fmt.Sprintf("show install summary: %s; auto abort timer: %s; no change window allowing image covers %s",
		strings.Join(pending, "; "), timer, now.UTC().Format("2006-01-02T15:04:05Z"))
	return []Finding{r.finding(strings.Join(pending, "; "), "every activated package committed", evidence).decide(a)}
}

func stateText(s string) string {
	if s == facts.InstallDeactivated {
		return "deactivated, uncommitted"
	}
	return "activated, uncommitted"
}

// checkROMMONBootVariable is BOOT-005: the BOOT variable ROMMON holds
// (show romvar) is not the one IOS reports (show bootvar / show boot /
// running-config): ROMMON boots what it holds, so the device would reload
// into something the IOS boot settings do not show. Compared entry by
// entry (retry counts and a trailing ';' removed, case ignored); quiet when
// either side is missing.
func checkROMMONBootVariable(in Input, r Rule) []Finding {
	var rom []string
	for _, v := range in.Facts.ROMMONVars {
		if v.Name == "BOOT" {
			rom = bootEntries(v.Value)
			break
		}
	}
	ios := in.Facts.Boot.System
	if len(rom) == 0 || len(ios) == 0 || sameEntries(rom, ios) {
		return nil
	}
	romText, iosText := visible(strings.Join(rom, ";")), visible(strings.Join(ios, ";"))
	evidence := fmt.Sprintf("show romvar BOOT = %s; the IOS boot settings say %s: at the next reload ROMMON boots its own variable", romText, iosText)
	f := r.finding(romText, iosText, evidence)
	return []Finding{f.escalate("ROMMON is set to boot something the IOS boot variable does not show, as a ROMMON or boot-chain implant hiding its next boot would (T1542.004)")}
}

// bootEntries splits a ROMMON BOOT value "flash:a.bin,12;flash:b.bin;" into
// paths without retry counts.
func bootEntries(v string) []string {
	var out []string
	for e := range strings.SplitSeq(v, ";") {
		e = strings.TrimSpace(e)
		if i := strings.LastIndexByte(e, ','); i >= 0 && isNumber(e[i+1:]) {
			e = strings.TrimSpace(e[:i])
		}
		if e != "" && len(out) < 16 {
			out = append(out, e)
		}
	}
	return out
}

func sameEntries(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(strings.TrimSpace(a[i]), strings.TrimSpace(b[i])) {
			return false
		}
	}
	return true
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
