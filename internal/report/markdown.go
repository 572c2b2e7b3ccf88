package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"fwaudit/internal/textsafe"
)

// RenderMarkdown writes the run as a markdown report for tickets and wikis:
// summary, fleet table, findings, and for each drifted device its plan in
// short. Device strings are escaped so they cannot break a table or
// inject HTML or links.
func RenderMarkdown(w io.Writer, r Run) error {
	var b strings.Builder
	s := r.Summary()
	fmt.Fprintf(&b, "# fwaudit report\n\nRun %s to %s: %d devices, %d clean, %d drift, %d error, %d unassessed, %d to escalate.\n\n",
		r.StartedAt.UTC().Format("2006-01-02 15:04:05Z"), r.FinishedAt.UTC().Format("2006-01-02 15:04:05Z"),
		s.Devices, s.Clean, s.Drift, s.Error, s.Unassessed, s.Escalate)
	b.WriteString("## Fleet\n\n| Device | Platform | Model | ROMMON | Image | Status | Findings |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	for _, d := range r.Devices {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", mdCell(d.Name), mdCell(d.Platform), mdCell(d.Facts.Model),
			mdCell(rommonCell(d.Facts.ROMMON)), mdCell(baseName(d.Facts.Image)), mdCell(statusCell(d)), mdCell(findingIDs(d)))
	}
	fs := sortedFindings(r)
	if len(fs) > 0 {
		b.WriteString("\n## Findings\n\n| Severity | Device | Rule | Title | Observed | Expected | Escalate |\n| --- | --- | --- | --- | --- | --- | --- |\n")
		for _, f := range fs {
			x := f.Finding
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", mdCell(string(x.Severity)), mdCell(f.Device.Name), mdCell(x.Rule),
				mdCell(x.Title), mdCell(x.Observed), mdCell(x.Expected), mdCell(escalateCell(x.Escalate, x.EscalationReason)))
		}
	}
	writeMarkdownAnswers(&b, fs)
	for _, d := range r.Devices {
		if d.Error != "" {
			fmt.Fprintf(&b, "\n- %s could not be audited: %s\n", mdCell(d.Name), mdCell(d.Error))
		} else if d.Status() == StatusUnassessed {
			fmt.Fprintf(&b, "\n- %s was not assessed: %s\n", mdCell(d.Name), mdCell(d.Reason()))
		}
	}
	writeMarkdownHistory(&b, r)
	for _, d := range r.Devices {
		if d.Plan.Empty() {
			continue
		}
		fmt.Fprintf(&b, "\n## Plan for %s\n\nNever applied by fwaudit; the full runbook with expected outputs: `fwaudit plan %s`.\n\n",
			mdCell(d.Name), strings.ReplaceAll(mdCell(d.Name), "`", "'"))
		for _, m := range d.Plan.Manual {
			fmt.Fprintf(&b, "- investigate: %s\n", mdCell(m))
		}
		for i, st := range d.Plan.Steps {
			fmt.Fprintf(&b, "%d. %s (%s)", i+1, mdCell(st.Title), st.Phase)
			for _, c := range st.Commands {
				fmt.Fprintf(&b, " `%s`", strings.ReplaceAll(textsafe.Clean(c, 500), "`", "'"))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell makes a device string inert in a markdown table cell: printable,
// one line, and no character that starts a table break, HTML, a link,
// emphasis or code, nor text a GFM renderer turns into a link (noAutolink).
func mdCell(s string) string {
	s = textsafe.Clean(s, 300)
	s = strings.NewReplacer(
		"\\", "\\\\", "|", "\\|", "<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]",
		"`", "\\`", "*", "\\*", "_", "\\_", "\n", " ", "\r", " ",
	).Replace(s)
	return noAutolink(s)
}

// wwwDot is where GFM's www. autolink starts, in any case.
var wwwDot = regexp.MustCompile(`(?i)www\.`)

// noAutolink breaks what GFM autolinks (http://…, www.…, a@b.example,
// mailto: and xmpp:), without zero-width characters: ":" before "//" and
// the dot of "www." are backslash-escaped, which stops the inline matchers;
// an e-mail address is matched on the merged text, after escapes are
// resolved, so its "@" becomes a code span of its own, a separate node.
// s is already escaped: it holds no backtick of its own.
func noAutolink(s string) string {
	s = strings.ReplaceAll(s, "://", "\\://")
	s = wwwDot.ReplaceAllStringFunc(s, func(m string) string { return m[:3] + "\\." })
	return strings.ReplaceAll(s, "@", "`@`")
}

func escalateCell(e bool, reason string) string {
	if !e {
		return "no"
	}
	return "yes: " + reason
}

// writeMarkdownAnswers lists the playbook's answers of each finding whose
// rule recorded them (window, approved version, source addresses) and the
// decision they led to.
func writeMarkdownAnswers(b *strings.Builder, fs []deviceFinding) {
	header := false
	for _, f := range fs {
		qs := recordedQuestions(f.Finding)
		if len(qs) == 0 {
			continue
		}
		if !header {
			b.WriteString("\n## Playbook answers\n\n")
			header = true
		}
		fmt.Fprintf(b, "- %s %s:", mdCell(f.Device.Name), mdCell(f.Finding.Rule))
		for i, q := range qs {
			sep := ";"
			if i == len(qs)-1 {
				sep = ""
			}
			fmt.Fprintf(b, " %s %s%s", q.Ask, mdCell(q.Answer), sep)
		}
		b.WriteString("\n")
	}
}
