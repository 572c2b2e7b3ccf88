package audit

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"fwaudit/internal/textsafe"
)

// Severity of a finding.
type Severity string

const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
	Info     Severity = "info"
)

// Rank orders severities: critical 4 … info 0; an unknown severity is -1.
func (s Severity) Rank() int {
	switch s {
	case Critical:
		return 4
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	case Info:
		return 0
	}
	return -1
}

// Finding is one problem found on one device. Every string is safe to print
// (textsafe.IsSafe): device text is escaped, never pasted raw.
type Finding struct {
	Rule             string   `json:"rule"`
	Title            string   `json:"title"`
	Severity         Severity `json:"severity"`
	Expected         string   `json:"expected"`
	Observed         string   `json:"observed"`
	Evidence         string   `json:"evidence"`
	Escalate         bool     `json:"escalate"`
	EscalationReason string   `json:"escalation_reason,omitempty"`
	Technique        string   `json:"technique,omitempty"` // ATT&CK id, e.g. T1542.004
	Answers          *Answers `json:"answers,omitempty"`   // answers.go: what decided the escalation
	// Lifecycle (lifecycle.go), set by the history store when it saves the
	// finding: new | open | accepted, when it was first and last reported,
	// and the acceptance that holds it.
	State     string      `json:"state,omitempty"`
	FirstSeen time.Time   `json:"first_seen,omitzero"`
	LastSeen  time.Time   `json:"last_seen,omitzero"`
	Accepted  *Acceptance `json:"accepted,omitempty"`
}

// maxText caps every finding string (a long approved list, a long error).
const maxText = 2048

// sortFindings orders findings by severity (worst first), then rule ID, then
// observed value and evidence, so the order never depends on map iteration.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(b.Severity.Rank(), a.Severity.Rank()),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Observed, b.Observed),
			cmp.Compare(a.Evidence, b.Evidence),
		)
	})
}

// sanitize is the last line of defence: every field is made printable.
func (f *Finding) sanitize() {
	for _, s := range []*string{&f.Rule, &f.Title, &f.Expected, &f.Observed, &f.Evidence, &f.EscalationReason, &f.Technique} {
		*s = textsafe.Clean(*s, maxText)
	}
	f.Severity = Severity(textsafe.Clean(string(f.Severity), 16))
}

// visible shows an untrusted device string: trimmed, and if it holds control
// characters, escape sequences or invalid UTF-8 they are shown escaped (\x1b)
// rather than stripped, so a hostile value cannot pass for an approved one.
func visible(s string) string {
	s = strings.TrimSpace(s)
	if textsafe.IsSafe(s) {
		return textsafe.Clean(s, textsafe.MaxField)
	}
	q := strconv.QuoteToGraphic(s)
	return textsafe.Clean(q[1:len(q)-1], textsafe.MaxField)
}
