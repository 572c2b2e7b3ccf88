package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/baseline"
)

// Escalated reports whether any finding asks for escalation to the SOC
// (T1542.004 playbook).
func Escalated(findings []Finding) bool {
	for _, f := range findings {
		if f.Escalate {
			return true
		}
	}
	return false
}

// escalate marks f for escalation; reason carries the answers that decided it.
func (f Finding) escalate(reason string) Finding {
	f.Escalate, f.EscalationReason = true, reason
	return f
}

// notApproved is the escalation reason for a value missing from a
// baseline's approved list: which value, which list, which baseline entry.
func notApproved(what, value string, approved []string, m *baseline.Model) string {
	return fmt.Sprintf("%s %s is not on the approved list (%s) of model %q (%s); playbook T1542.004: unapproved boot-chain software is escalated",
		what, value, list(approved), m.Pattern, where(m))
}

// where names the baseline entry a model came from.
func where(m *baseline.Model) string {
	if m.File == "" {
		return "baseline"
	}
	return fmt.Sprintf("%s:%d", m.File, m.Line)
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}
