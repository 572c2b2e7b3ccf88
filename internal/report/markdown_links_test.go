package report_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/report"
	"fwaudit/internal/testpeer"
)

// linkBait is what a hostile device puts in its strings so that the
// markdown report shows a clickable link to it.
const linkBait = "see http://evil.example/x HTTPS://evil.example/y ftp://evil.example WWW.evil.example " +
	"www.evil.example admin@evil.example mailto:a@b.example xmpp:c@d.example/r"

// TestMarkdownDeviceStringsNeverBecomeLinks renders the report with GitHub's
// own renderer (cmark-gfm with the table and autolink extensions): no
// device string turns into a link, in a table cell or in a paragraph, and
// the text still reads the same.
func TestMarkdownDeviceStringsNeverBecomeLinks(t *testing.T) {
	cmark := testpeer.Require(t, "apt-get install -y cmark-gfm", "cmark-gfm")
	r := richRun()
	evil := &r.Devices[3]
	evil.Facts.Model = linkBait
	evil.Findings = append(evil.Findings, audit.Finding{Rule: "IMG-001", Severity: audit.High,
		Title: "bait", Observed: linkBait, Expected: "http://evil.example/z", Evidence: linkBait})
	errored := r.Devices[0]
	errored.Name, errored.Error, errored.Findings = "www.evil.example", "dial http://evil.example/e: refused by admin@evil.example", nil
	r.Devices = append(r.Devices, errored)

	var md bytes.Buffer
	require.NoError(t, report.RenderMarkdown(&md, r))
	cmd := exec.Command(cmark, "-e", "table", "-e", "autolink")
	cmd.Stdin = &md
	html, err := cmd.Output()
	require.NoError(t, err)
	out := string(html)
	require.Contains(t, out, "<table>", "rendered as GFM")
	require.NotContains(t, out, "<a ", "no device string becomes a link")
	require.Contains(t, out, "see http://evil.example/x HTTPS://evil.example/y ftp://evil.example WWW.evil.example www.evil.example admin<code>@</code>evil.example",
		"the text reads as the device sent it")
	require.Contains(t, out, "dial http://evil.example/e: refused by admin<code>@</code>evil.example")
}

// TestMarkdownStripsLineSeparators: U+2028 / U+2029 in a device string do
// not reach the markdown report.
func TestMarkdownStripsLineSeparators(t *testing.T) {
	r := richRun()
	r.Devices[3].Facts.Model = "C9300\u2028| injected | row |\u2029"
	var md bytes.Buffer
	require.NoError(t, report.RenderMarkdown(&md, r))
	require.NotContains(t, md.String(), "\u2028")
	require.NotContains(t, md.String(), "\u2029")
	require.True(t, strings.Contains(md.String(), `C9300\| injected \| row \|`))
}
