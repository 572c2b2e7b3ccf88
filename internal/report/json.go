package report

import (
	"io"
	"time"

	"fwaudit/internal/audit"
)

// Schema is the JSON report's schema identifier (-o json). Change it only
// with a deliberate, documented break of the contract; the JSON Schema is
// docs/schema/fwaudit.report.v2.json.
const Schema = "fwaudit.report/v2"

// JSONReport is the fwaudit.report/v2 document: v1 plus the device's
// reason, the findings' lifecycle and the summary's state counts.
type JSONReport struct {
	Schema     string       `json:"schema"`
	StartedAt  string       `json:"started_at"`
	FinishedAt string       `json:"finished_at"`
	Summary    Summary      `json:"summary"`
	Devices    []JSONDevice `json:"devices"`
}

// JSONDevice is one device in the v2 report. Reason says why the status is
// unassessed or error; "" otherwise.
type JSONDevice struct {
	Name     string        `json:"name"`
	Address  string        `json:"address"`
	Platform string        `json:"platform"`
	Status   Status        `json:"status"`
	Reason   string        `json:"reason"`
	Error    string        `json:"error"`
	Facts    JSONFacts     `json:"facts"`
	Findings []JSONFinding `json:"findings"`
	Plan     JSONPlan      `json:"plan"`
}

// JSONFinding is one finding in v2: v1's fields and its lifecycle.
type JSONFinding struct {
	Rule             string          `json:"rule"`
	Severity         string          `json:"severity"`
	Title            string          `json:"title"`
	Expected         string          `json:"expected"`
	Observed         string          `json:"observed"`
	Evidence         string          `json:"evidence"`
	Escalate         bool            `json:"escalate"`
	EscalationReason string          `json:"escalation_reason"`
	State            string          `json:"state"`
	FirstSeen        string          `json:"first_seen"`
	LastSeen         string          `json:"last_seen"`
	Accepted         *JSONAcceptance `json:"accepted"` // null unless state is accepted
}

// JSONAcceptance is who accepted a finding, when, why, until when ("" for
// no expiry) and under which ticket.
type JSONAcceptance struct {
	By     string `json:"by"`
	At     string `json:"at"`
	Reason string `json:"reason"`
	Until  string `json:"until"`
	Ticket string `json:"ticket"`
}

// NewJSONReport maps a run onto the v2 schema. Empty lists are [] (never
// null). A finding without a lifecycle from the store is new, first and last
// seen at the run's start.
func NewJSONReport(r Run) JSONReport {
	out := JSONReport{
		Schema:     Schema,
		StartedAt:  rfc3339(r.StartedAt),
		FinishedAt: rfc3339(r.FinishedAt),
		Summary:    r.Summary(),
		Devices:    make([]JSONDevice, 0, len(r.Devices)),
	}
	for _, d := range r.Devices {
		out.Devices = append(out.Devices, jsonDevice(d, r.StartedAt))
	}
	return out
}

func jsonDevice(d Device, runAt time.Time) JSONDevice {
	jd := JSONDevice{
		Name: d.Name, Address: d.Address, Platform: d.Platform,
		Status: d.Status(), Reason: d.Reason(), Error: d.Error,
		Facts:    jsonFacts(d.Facts, true),
		Findings: make([]JSONFinding, 0, len(d.Findings)),
		Plan:     JSONPlan{Steps: nonNil(d.Plan.Lines())},
	}
	for _, x := range d.Findings {
		jd.Findings = append(jd.Findings, jsonFinding(x, runAt))
	}
	return jd
}

func jsonFinding(x audit.Finding, runAt time.Time) JSONFinding {
	jf := JSONFinding{
		Rule: x.Rule, Severity: string(x.Severity), Title: x.Title,
		Expected: x.Expected, Observed: x.Observed, Evidence: x.Evidence,
		Escalate: x.Escalate, EscalationReason: x.EscalationReason,
		State: x.StateOf(), FirstSeen: rfc3339(runAt), LastSeen: rfc3339(runAt),
	}
	if !x.FirstSeen.IsZero() {
		jf.FirstSeen = rfc3339(x.FirstSeen)
	}
	if !x.LastSeen.IsZero() {
		jf.LastSeen = rfc3339(x.LastSeen)
	}
	if a := x.Accepted; a != nil && jf.State == audit.StateAccepted {
		jf.Accepted = &JSONAcceptance{By: a.By, At: rfc3339(a.At), Reason: a.Reason, Ticket: a.Ticket}
		if !a.Until.IsZero() {
			jf.Accepted.Until = rfc3339(a.Until)
		}
	}
	return jf
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// RenderJSON writes the run as an indented fwaudit.report/v2 document.
func RenderJSON(w io.Writer, r Run) error { return encodeJSON(w, NewJSONReport(r)) }
