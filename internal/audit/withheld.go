package audit

import (
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// withholdable is one fact FACT-001 expects: how to read it, which rules
// it feeds, and what the platform list and the baseline say of it.
type withholdable struct {
	what   string                       // "running image hash"
	get    func(facts.Facts) string     // the value, "" when not reported
	fact   facts.Fact                   // the platform fact it is ("" none: history only)
	judged string                       // what could not run without it
	pinned func(Input) (string, string) // what the baseline pins and where, when it applies; "" none
}

var withholdables = []withholdable{
	{"ROMMON version (cli)", func(f facts.Facts) string { return romVersions(f.ROMMON, facts.SourceCLI) }, facts.FactROMMON,
		"ROM-001, ROM-002 and ROM-003 could not judge the boot firmware", pinnedROMMON},
	{"ROMMON version (snmp)", func(f facts.Facts) string { return romVersions(f.ROMMON, facts.SourceSNMP) }, "",
		"ROM-003 could not compare the channels", nil},
	{"running image", func(f facts.Facts) string { return visible(f.Image) }, facts.FactImage,
		"IMG-001 and IMG-005 could not judge the image", nil},
	{"running image hash", func(f facts.Facts) string { return deviceHashes(f.ImageHashes) }, facts.FactImageHash,
		"IMG-002 and IMG-003 could not judge the image", nil},
	{"configuration register", func(f facts.Facts) string { return visible(f.Boot.ConfigRegister) }, facts.FactConfigRegister,
		"BOOT-002 could not judge the register", pinnedRegister},
}

// checkWithheld is FACT-001: a fact that should be there is missing. A
// compromised device can choose not to answer `show rom-monitor`, refuse
// `verify /sha512` or drop the image line from show version; without this
// rule such a silence would read as "nothing changed". A fact should be
// there when
//   - the device's own history says it gives it (the last snapshot trusted
//     for FACT-001 had it): "… no longer reported";
//   - its platform always gives it (Input.MustYield, platform data), on the
//     first audit too: "… not reported";
//   - the baseline pins it (approved ROMMON versions, a configuration
//     register list) and no channel gave it.
//
// Each missing fact is one finding; the device is not clean and not
// assessed (Assess) until the fact is reported again or the finding is
// accepted. Quiet when the host key was refused (SSH-001 explains the
// silence); on first sight also when nothing at all was read (PARSE-001).
func checkWithheld(in Input, r Rule) []Finding {
	if in.HostKeyChanged {
		return nil
	}
	hist := in.against(r.ID)
	var out []Finding
	for _, w := range withholdables {
		if w.get(in.Facts) != "" {
			continue
		}
		if f, ok := w.withheld(in, hist, r); ok {
			out = append(out, f)
		}
	}
	return out
}

// withheld is w's finding when the fact should have been there.
func (w withholdable) withheld(in, hist Input, r Rule) (Finding, bool) {
	if hist.Previous != nil {
		if was := w.get(hist.Previous.Facts); was != "" {
			return r.finding(w.what+" no longer reported", was,
				fmt.Sprintf("%s gave %s %s; this audit did not, so %s", hist.prevText(), w.what, was, w.judged)), true
		}
	}
	if nothingParsed(in.Facts) {
		return Finding{}, false // PARSE-001: nothing was read at all
	}
	if w.fact != "" && slices.Contains(in.MustYield, w.fact) {
		platform := visible(in.Platform)
		return r.finding(w.what+" not reported", fmt.Sprintf("%s (every %s device gives it)", w.what, platform),
			fmt.Sprintf("every honest %s device reports its %s; this audit got none, so %s", platform, w.what, w.judged)), true
	}
	// A saved-output format that cannot hold some facts (a config backup:
	// Input.Unrecorded) did not withhold them; PARSE-001 names the gap and
	// the device stays unassessed.
	if w.pinned == nil || len(in.Unrecorded) > 0 {
		return Finding{}, false
	}
	if pin, where := w.pinned(in); pin != "" {
		what := strings.TrimSuffix(w.what, " (cli)") // no channel gave it
		return r.finding(what+" not reported", pin,
			fmt.Sprintf("%s pins the %s (%s); no channel of this audit gave one, so %s", where, what, pin, w.judged)), true
	}
	return Finding{}, false
}

// pinnedROMMON is the approved boot firmware when the baseline model lists
// some and no channel gave a version (ROM-001 judges every channel's).
func pinnedROMMON(in Input) (string, string) {
	m := in.Model
	if m == nil || m.ROMMON == nil || len(m.ROMMON.Approved) == 0 || hasROMMONVersion(in.Facts.ROMMON) {
		return "", ""
	}
	return list(m.ROMMON.Approved), modelText(m)
}

// pinnedRegister is the model's own configuration-register list (not the
// default set) when neither the register now nor at next reload was read.
func pinnedRegister(in Input) (string, string) {
	m := in.Model
	if m == nil || len(m.ConfigRegister) == 0 || strings.TrimSpace(in.Facts.Boot.ConfigRegisterNext) != "" {
		return "", ""
	}
	return list(m.ConfigRegister), modelText(m)
}

func modelText(m *baseline.Model) string {
	return fmt.Sprintf("baseline model %q (%s)", m.Pattern, where(m))
}

// romVersions lists the boot-firmware versions read over src, or "".
func romVersions(cs []facts.Component, src facts.Source) string {
	var vs []string
	for _, c := range cs {
		if c.Source == src && strings.TrimSpace(c.Version) != "" {
			vs = append(vs, visible(c.Version))
		}
	}
	return strings.Join(vs, ", ")
}

// deviceHashes names the files the device hashed itself, or "".
func deviceHashes(hs []facts.ImageHash) string {
	var files []string
	for _, h := range hs {
		if h.Source == facts.SourceDevice && (strings.TrimSpace(h.SHA512) != "" || strings.TrimSpace(h.SHA256) != "") {
			files = append(files, visible(h.File))
		}
	}
	return strings.Join(files, ", ")
}
