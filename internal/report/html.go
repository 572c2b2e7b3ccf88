package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"fwaudit/internal/textsafe"
)

//go:embed html.tmpl
var htmlSource string

// htmlTemplate escapes every value by context (html/template): device
// strings cannot inject markup, script or style.
var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

// RenderHTML writes the run as one self-contained HTML file (inline CSS and
// SVG, no scripts, no external assets): fleet summary, findings by
// severity, ROMMON versions per model against the approved ones, and per
// device its history timeline and plan.
func RenderHTML(w io.Writer, r Run) error {
	if err := htmlTemplate.Execute(w, newHTMLPage(r)); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}

type htmlPage struct {
	Started, Finished string
	Summary           Summary
	Severities        []htmlCount
	Findings          []htmlFinding
	Models            []htmlModel
	Devices           []htmlDevice
}

type htmlCount struct {
	Name  string
	Count int
	Width int // bar width in px
}

type htmlFinding struct {
	Device, Severity, Rule, Title, Observed, Expected, Evidence, Reason string
	Escalate                                                            bool
	Answers                                                             []Question // the playbook's, when the rule recorded them
}

type htmlDevice struct {
	Name, Address, Platform, Model, ROMMON, Image, Status, Error string
	Unassessed                                                   string // the reason, when unassessed
	Escalate                                                     bool
	Findings                                                     []htmlFinding
	Timeline                                                     htmlTimeline
	Manual                                                       []string
	Steps                                                        []htmlStep
}

type htmlStep struct {
	Title, Phase, Expect, IfDiffers, Note string
	Commands                              []string
	Disruptive, Unconfirmed, Blocked      bool
}

func newHTMLPage(r Run) htmlPage {
	p := htmlPage{
		Started:  r.StartedAt.UTC().Format("2006-01-02 15:04:05Z"),
		Finished: r.FinishedAt.UTC().Format("2006-01-02 15:04:05Z"),
		Summary:  r.Summary(),
		Models:   htmlModels(r),
	}
	counts := map[string]int{}
	for _, f := range sortedFindings(r) {
		counts[string(f.Finding.Severity)]++
		p.Findings = append(p.Findings, newHTMLFinding(f.Device.Name, f.Finding))
	}
	most := 1
	for _, n := range counts {
		most = max(most, n)
	}
	for _, s := range []string{"critical", "high", "medium", "low", "info"} {
		p.Severities = append(p.Severities, htmlCount{Name: s, Count: counts[s], Width: counts[s] * 240 / most})
	}
	for _, d := range r.Devices {
		p.Devices = append(p.Devices, newHTMLDevice(r, d))
	}
	return p
}

func newHTMLDevice(r Run, d Device) htmlDevice {
	hd := htmlDevice{
		Name: clean(d.Name), Address: clean(d.Address), Platform: clean(d.Platform), Model: clean(d.Facts.Model),
		ROMMON: clean(rommonCell(d.Facts.ROMMON)), Image: clean(baseName(d.Facts.Image)),
		Status: string(d.Status()), Escalate: d.Escalated(), Error: textsafe.Clean(d.Error, detailMax),
		Timeline: newTimeline(r, d),
	}
	if d.Status() == StatusUnassessed {
		hd.Unassessed = textsafe.Clean(d.Reason(), detailMax)
	}
	for _, x := range d.Findings {
		hd.Findings = append(hd.Findings, newHTMLFinding(d.Name, x))
	}
	for _, m := range d.Plan.Manual {
		hd.Manual = append(hd.Manual, textsafe.Clean(m, detailMax))
	}
	for _, s := range d.Plan.Steps {
		st := htmlStep{Title: clean(s.Title), Phase: string(s.Phase), Expect: textsafe.Clean(s.Expect, detailMax),
			IfDiffers: textsafe.Clean(s.IfDiffers, detailMax), Note: textsafe.Clean(s.Note, detailMax),
			Disruptive: s.Disruptive, Unconfirmed: s.Unconfirmed, Blocked: s.Blocked}
		for _, c := range s.Commands {
			st.Commands = append(st.Commands, textsafe.Clean(c, detailMax))
		}
		hd.Steps = append(hd.Steps, st)
	}
	return hd
}

func newHTMLFinding(device string, x auditFinding) htmlFinding {
	f := htmlFinding{Device: clean(device), Severity: clean(string(x.Severity)), Rule: clean(x.Rule),
		Title: clean(x.Title), Observed: clean(x.Observed), Expected: clean(x.Expected),
		Evidence: textsafe.Clean(x.Evidence, detailMax), Reason: textsafe.Clean(x.EscalationReason, detailMax), Escalate: x.Escalate}
	for _, q := range recordedQuestions(x) {
		f.Answers = append(f.Answers, Question{Ask: q.Ask, Answer: textsafe.Clean(q.Answer, detailMax)})
	}
	return f
}

func clean(s string) string { return textsafe.Clean(s, 300) }
