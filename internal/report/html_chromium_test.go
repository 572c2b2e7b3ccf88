package report_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/report"
	"fwaudit/internal/testpeer"
)

// chromium finds a headless Chromium, or skips (fails under CI).
func chromium(t *testing.T) string {
	t.Helper()
	return testpeer.Chromium(t)
}

// runChromium runs headless Chromium on a file with the given extra flags
// and returns its stdout.
func runChromium(t *testing.T, bin, page string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--window-size=1400,2000"}, extra...)
	args = append(args, "file://"+page)
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "chromium: %s", stderr.String())
	return stdout.Bytes()
}

// TestHTMLInChromium renders the report in headless Chromium and checks
// what is on the page after parsing: the summary, the planted findings,
// the ROMMON table, the timelines, and that the hostile strings stayed text.
// FWAUDIT_SCREENSHOT=path also writes a screenshot to look at.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	require.NoError(t, report.RenderHTML(&b, richRun()))
	require.NoError(t, os.WriteFile(page, b.Bytes(), 0o644))

	dom := string(runChromium(t, bin, page, "--dump-dom"))
	require.Contains(t, dom, "fwaudit firmware integrity report")
	for _, want := range []string{
		`<div class="card drift"><b>2</b>drift</div>`,
		`<td>lon-wan-02</td><td>ROM-001</td>`,
		`<span class="no">16.7(5r)</span> NOT approved · 1 device(s): lon-wan-02`,
		`<span class="yes">17.9.1r[FC2]</span> approved`,
		`id="device-lon-wan-02"`,
		`Revert plan (`,
		`verify /sha512 bootflash:cat9k_iosxe.17.09.04a.SPA.bin`,
	} {
		require.Contains(t, dom, want)
	}
	// Four snapshots on lon-wan-02's timeline (three past + this audit).
	i := strings.Index(dom, `aria-label="history of lon-wan-02"`)
	require.Positive(t, i)
	svg := dom[i : i+strings.Index(dom[i:], "</svg>")]
	require.Equal(t, 4, strings.Count(svg, "<circle"))
	// The hostile finding is text: no script element was created.
	require.NotContains(t, dom, "<script")
	require.Contains(t, dom, "&lt;script&gt;alert(1)&lt;/script&gt;")

	if shot := os.Getenv("FWAUDIT_SCREENSHOT"); shot != "" {
		runChromium(t, bin, page, "--screenshot="+shot)
		_, err := os.Stat(shot)
		require.NoError(t, err)
	}
}
