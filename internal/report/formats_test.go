package report_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
	"fwaudit/internal/golden"
	"fwaudit/internal/plan"
	"fwaudit/internal/report"
	"fwaudit/internal/textsafe"
)

// richRun is sampleRun with what cmd adds: inventory attributes, the
// matched baseline, approved versions, a plan and a history, plus a
// finding whose strings try formula, markdown and HTML injection.
func richRun() report.Run {
	r := sampleRun()
	r.Approved = map[report.ModelKey][]string{
		{Platform: "cisco_iosxe", Pattern: "C9300-*"}: {"17.9.1r[FC2]", "17.6.1r[FC2]"},
		{Platform: "cisco_iosxe", Pattern: "ISR43*"}:  {"16.12(2r)"},
	}
	for i := range r.Devices {
		d := &r.Devices[i]
		d.Site, d.Role, d.Credentials = "lon", "access", "lab"
		if d.Name != "evil-sw-01" {
			d.Baseline = "C9300-*"
		}
	}
	wan := &r.Devices[1]
	m := &baseline.Model{Pattern: "C9300-*", File: "baselines/cisco_iosxe.yaml", Line: 10,
		ROMMON: &baseline.ROMMON{Approved: []string{"17.9.1r[FC2]"}},
		Images: []baseline.Image{{File: "cat9k_iosxe.17.09.04a.SPA.bin", SHA512: strings.Repeat("cd", 64), Size: 8388608}}}
	wan.Plan = plan.Build(plan.Input{Device: wan.Name, Platform: wan.Platform, Facts: wan.Facts, Findings: wan.Findings, Model: m},
		plan.Options{ImageSource: "scp://fw@10.10.0.5/fw", EvidenceDest: "scp://fw@10.10.0.6/cases", Now: r.StartedAt, Nonce: 7})
	t0 := r.StartedAt
	// Up ten days until the ROMMON swap and the reload a day ago, which
	// the timeline shows as one change each; uptime that keeps counting is
	// none.
	before := wan.Facts
	before.ROMMON = []facts.Component{{Name: "R0", Version: "17.9.1r[FC2]", Source: facts.SourceCLI}}
	at := func(f facts.Facts, up int64) facts.Facts { f.UptimeSeconds = up; return f }
	wan.History = []report.HistoryPoint{
		report.NewHistoryPoint(t0.Add(-72*time.Hour), at(before, 10*86400), nil, false),
		report.NewHistoryPoint(t0.Add(-48*time.Hour), at(before, 11*86400), nil, false),
		report.NewHistoryPoint(t0.Add(-24*time.Hour), at(wan.Facts, 60), wan.Findings, false),
	}
	evil := &r.Devices[3]
	evil.Findings = append(evil.Findings, audit.Finding{Rule: "IMG-001", Severity: audit.High,
		Title: "running image not in the approved list", Observed: "=HYPERLINK(\"http://x\")|<script>alert(1)</script>",
		Expected: "+cmd|' /C calc'!A0", Evidence: "@SUM(1) [link](javascript:x) `code` *bold*", Escalate: true,
		EscalationReason: "-2+3"})
	// A router whose model no baseline covers: unassessed, never clean.
	isr := r.Devices[0]
	isr.Name, isr.Address, isr.Baseline = "lon-isr-44", "192.0.2.44", ""
	isr.Facts.Model = "ISR4451-X/K9"
	isr.History = nil
	isr.Findings = []audit.Finding{{Rule: audit.BASE001, Severity: audit.Info, Title: "no baseline for model",
		Observed: "ISR4451-X/K9", Expected: "a models[] entry of platform cisco_iosxe whose glob matches ISR4451-X/K9",
		Evidence: "baselines exist for platform cisco_iosxe but no model glob matches ISR4451-X/K9"}}
	r.Devices = append(r.Devices, isr)
	return r
}

func TestRenderFormatsGolden(t *testing.T) {
	for _, format := range []string{"detail", "csv", "markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, report.Render(&b, format, richRun()))
			golden.Assert(t, "testdata/rich."+format+".golden", b.Bytes())
			for _, line := range strings.Split(b.String(), "\n") {
				require.True(t, textsafe.IsSafe(line), "unsafe line in %s output: %q", format, line)
			}
		})
	}
}

// TestCSVNeutralizesFormulas parses the CSV back: no cell starts with a
// formula trigger.
func TestCSVNeutralizesFormulas(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, report.RenderCSV(&b, richRun()))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	require.Equal(t, "device", rows[0][0])
	found := false
	for _, row := range rows[1:] {
		require.Len(t, row, len(rows[0]))
		for _, c := range row {
			if c != "" {
				require.NotContains(t, "=+-@\t\r", string(c[0]), "cell %q", c)
			}
			if strings.Contains(c, "HYPERLINK") {
				found = true
				require.True(t, strings.HasPrefix(c, "'="), c)
			}
		}
	}
	require.True(t, found)
	require.Len(t, rows, 1+7, "a row per finding, per error, per unassessed and per clean device")
}

func TestMarkdownEscapesDeviceStrings(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, report.RenderMarkdown(&b, richRun()))
	out := b.String()
	require.NotContains(t, out, "<script>")
	require.NotContains(t, out, "[link](javascript")
	require.Contains(t, out, `\|&lt;script&gt;`)
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| ") && strings.Contains(line, "HYPERLINK") {
			require.Equal(t, 8, strings.Count(line, "|")-strings.Count(line, `\|`), "a device string cannot add table cells: %s", line)
		}
	}
}

func TestHTMLEscapesAndIsSelfContained(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, report.RenderHTML(&b, richRun()))
	out := b.String()
	require.NotContains(t, out, "<script")
	require.Contains(t, out, "&lt;script&gt;")
	// Only the escaped hostile HYPERLINK string may mention a URL.
	rest := strings.ReplaceAll(out, "=HYPERLINK(&#34;http://x&#34;)", "")
	for _, ext := range []string{"http://", "https://", "src=", "<link", "@import", "url("} {
		require.NotContains(t, rest, ext)
	}
	require.Contains(t, out, "<svg class=\"timeline\"")
}

func TestDetailTriage(t *testing.T) {
	r := richRun()
	yes := false
	r.Devices[1].Findings[0].Answers = &audit.Answers{WindowChecked: true, Approved: &yes, Version: "16.7(5r)",
		Addresses: []audit.AddressAnswer{{Address: "203.0.113.9"}, {Address: "10.10.1.1", Authorized: true}}}
	var b bytes.Buffer
	require.NoError(t, report.RenderDetail(&b, report.Run{Devices: r.Devices[1:2]}))
	out := b.String()
	for _, want := range []string{
		"inside a scheduled change window?    no: outside every scheduled change window",
		"on the approved list?                no: 16.7(5r) is not on the approved list",
		"203.0.113.9 (NOT in the management networks), 10.10.1.1 (authorized management network)",
		"decision                             ESCALATE:",
		"next steps, tier 1:", "next steps, tier 2:",
		"inventory            site lon, role access, credentials lab",
		"PLAN (never applied by fwaudit", "containment options",
		"verify /sha512 bootflash:cat9k_iosxe.17.09.04a.SPA.bin",
	} {
		require.Contains(t, out, want)
	}
	// Evidence before any change: the first step is an evidence step.
	require.Regexp(t, `\n\s+1\. Record the runtime state \(before any change\) \(evidence\)`, out)
}
