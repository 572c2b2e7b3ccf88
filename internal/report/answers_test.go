package report_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/report"
)

// answersRun has one LOG-001 finding whose rule recorded the playbook's
// answers, with a hostile address string.
func answersRun() report.Run {
	r := richRun()
	r.Devices[1].Findings = append(r.Devices[1].Findings, audit.Finding{Rule: audit.LOG001, Severity: audit.High,
		Title: "login, transfer or config change from a source outside the management networks", Observed: "203.0.113.66",
		Escalate: true, EscalationReason: "source 203.0.113.66 is outside the management networks; playbook T1542.004: escalate",
		Answers: &audit.Answers{Addresses: []audit.AddressAnswer{{Address: "203.0.113.66"}, {Address: "<b>x</b>|y", Authorized: true}}}})
	return r
}

// TestAnswersInMarkdownAndHTML: the recorded answers (address, authorized
// or not, decision) are in the markdown and HTML reports, escaped; findings
// without recorded answers get no answers block.
func TestAnswersInMarkdownAndHTML(t *testing.T) {
	var md bytes.Buffer
	require.NoError(t, report.RenderMarkdown(&md, answersRun()))
	require.Contains(t, md.String(), "## Playbook answers\n\n- lon-wan-02 LOG-001: inside a scheduled change window? not asked: this rule does not depend on a change window;"+
		" on the approved list? not asked; source addresses involved? 203.0.113.66 (NOT in the management networks), &lt;b&gt;x&lt;/b&gt;\\|y (authorized management network);"+
		" decision ESCALATE: source 203.0.113.66 is outside the management networks; playbook T1542.004: escalate\n")
	require.NotContains(t, md.String(), "lon-wan-02 ROM-001:", "ROM-001 recorded no answers")

	var html bytes.Buffer
	require.NoError(t, report.RenderHTML(&html, answersRun()))
	require.Contains(t, html.String(), `<tr class="answers"><td colspan="6">Playbook answers (LOG-001):<ul>`+
		`<li><b>inside a scheduled change window?</b> not asked: this rule does not depend on a change window</li>`+
		`<li><b>on the approved list?</b> not asked</li>`+
		`<li><b>source addresses involved?</b> 203.0.113.66 (NOT in the management networks), &lt;b&gt;x&lt;/b&gt;|y (authorized management network)</li>`+
		`<li><b>decision</b> ESCALATE: source 203.0.113.66 is outside the management networks; playbook T1542.004: escalate</li></ul></td></tr>`)
	require.Equal(t, 1, bytes.Count(html.Bytes(), []byte(`class="answers"`)))

	var plain bytes.Buffer
	require.NoError(t, report.RenderMarkdown(&plain, richRun()))
	require.NotContains(t, plain.String(), "Playbook answers")
}
