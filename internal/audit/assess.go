package audit

import "strings"

// Assessment says whether the findings are a verdict: a device is assessed
// only when its boot firmware, running image and boot settings were read and
// compared with an approved baseline model. Reason says what was missing.
type Assessment struct {
	Assessed bool
	Reason   string // empty when assessed
}

// Assess is the single place that decides whether a device was assessed.
// The coverage rules read the facts and the matched baseline model and
// record every gap as a finding (coverage.go), so the decision travels with
// the findings into the store, reports and history:
//   - BASE-001: no baseline model for the device;
//   - PARSE-001: nothing read, or a fact the baseline checks was not read,
//     or the baseline model approves no boot firmware;
//   - FACT-001: a fact the device's history had is no longer reported.
//
// An empty finding list is assessed (clean); the caller decides what an
// audit that did not complete means (status error).
func Assess(findings []Finding) Assessment {
	var reasons []string
	for _, f := range findings {
		switch f.Rule {
		case BASE001:
			r := "no baseline for model " + f.Observed
			if f.Evidence != "" {
				r += ": " + f.Evidence
			}
			reasons = append(reasons, r)
		case PARSE001, FACT001:
			reasons = append(reasons, f.Observed)
		case PLAT001:
			reasons = append(reasons, "platform mismatch: declared "+f.Expected+", the device looks like "+f.Observed)
		}
	}
	if len(reasons) == 0 {
		return Assessment{Assessed: true}
	}
	return Assessment{Reason: strings.Join(reasons, "; ")}
}
