package report

import (
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/audit"
	"fwaudit/internal/textsafe"
)

// Question is one of the T1542.004 playbook's triage questions, answered
// from the finding.
type Question struct {
	Ask, Answer string
}

// Questions answers the playbook's questions for one finding: change
// window, approved list, addresses, and the decision. Answers come from
// the finding's Answers when the rule recorded them, else from its
// expected / observed values; "not asked" says the rule does not depend on it.
func Questions(x audit.Finding) []Question {
	a := x.Answers
	window := "not asked: this rule does not depend on a change window"
	approved := "not asked"
	addresses := "none involved in this finding"
	if a != nil {
		if a.WindowChecked {
			window = "no: outside every scheduled change window"
			if a.WindowFound {
				window = "yes: change " + a.Window
			}
		}
		if a.Approved != nil {
			approved = "no: " + a.Version + " is not on the approved list"
			if *a.Approved {
				approved = "yes: " + a.Version + " is approved"
			}
		}
		if len(a.Addresses) > 0 {
			var parts []string
			for _, ad := range a.Addresses {
				s := ad.Address + " (authorized management network)"
				if !ad.Authorized {
					s = ad.Address + " (NOT in the management networks)"
				}
				parts = append(parts, s)
			}
			addresses = strings.Join(parts, ", ")
		}
	}
	if approved == "not asked" && slices.Contains([]string{audit.ROM001, audit.IMG001, audit.BOOT001, audit.IMG002}, x.Rule) {
		approved = fmt.Sprintf("no: observed %s; approved: %s", x.Observed, x.Expected)
	}
	decision := "no escalation: handle as a change-management issue"
	if x.Escalate {
		decision = "ESCALATE: " + x.EscalationReason
	}
	return []Question{
		{"inside a scheduled change window?", window},
		{"on the approved list?", approved},
		{"source addresses involved?", addresses},
		{"decision", decision},
	}
}

// NextSteps says what the first- and second-tier analysts do now.
func NextSteps(d Device, x audit.Finding) (tier1, tier2 []string) {
	name := d.Name
	if x.Escalate {
		tier1 = []string{
			"open an incident for T1542.004 (ROMMONkit) and attach this view and `fwaudit audit " + name + " -o json`",
			"do not log in to change, reload or power-cycle the device: a reload destroys volatile evidence",
			"raise monitoring on the devices that share site, role or credentials: `fwaudit audit " + name + " --related`",
			"hand over to tier 2 with the change records of the last 30 days for this device",
		}
		tier2 = []string{
			"choose containment (plan options: restrict management access, isolate, rotate credentials)",
			"capture evidence first (the plan's evidence steps), off the box, before any change",
			"compare the device's own hashes with fwaudit's off-box hash; a mismatch means the device lies",
			"revert inside an approved change window (`fwaudit plan " + name + "`), then re-audit",
		}
		return tier1, tier2
	}
	tier1 = []string{
		"find the change record that explains it; if none does, escalate",
		"record the decision in the ticket with this view attached",
	}
	tier2 = []string{
		"schedule the revert in the next change window (`fwaudit plan " + name + "`)",
		"or, if the change is intended, update the baseline through review",
	}
	return tier1, tier2
}

// writeTriage lays out one finding: evidence, questions, decision, next steps.
func writeTriage(b *strings.Builder, d Device, i int, x audit.Finding) {
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(b, "    %-18s %s\n", k, textsafe.Clean(v, detailMax))
		}
	}
	fmt.Fprintf(b, "\n  FINDING %d/%d [%s] %s %s\n", i+1, len(d.Findings), strings.ToUpper(string(x.Severity)), x.Rule, textsafe.Clean(x.Title, detailMax))
	line("observed", x.Observed)
	line("expected", x.Expected)
	line("evidence", x.Evidence)
	line("technique", x.Technique)
	if x.Severity == audit.Info {
		return
	}
	b.WriteString("    playbook questions:\n")
	for _, q := range Questions(x) {
		fmt.Fprintf(b, "      %-36s %s\n", q.Ask, textsafe.Clean(q.Answer, detailMax))
	}
	t1, t2 := NextSteps(d, x)
	b.WriteString("    next steps, tier 1:\n")
	for _, s := range t1 {
		fmt.Fprintf(b, "      - %s\n", textsafe.Clean(s, detailMax))
	}
	b.WriteString("    next steps, tier 2:\n")
	for _, s := range t2 {
		fmt.Fprintf(b, "      - %s\n", textsafe.Clean(s, detailMax))
	}
}

// recordedQuestions is Questions for a finding whose rule recorded its
// answers (history and log rules), nil otherwise: the markdown and HTML
// reports show only those, the triage view shows every finding's.
func recordedQuestions(x audit.Finding) []Question {
	if x.Answers == nil || x.Severity == audit.Info {
		return nil
	}
	return Questions(x)
}
