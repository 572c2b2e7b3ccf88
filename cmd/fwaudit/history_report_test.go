package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/testpeer"
)

// chromiumBin finds a headless Chromium, or skips (fails under CI).
func chromiumBin(t *testing.T) string {
	t.Helper()
	return testpeer.Chromium(t)
}

// dumpDOM renders page in headless Chromium and returns the DOM after parsing.
func dumpDOM(t *testing.T, page string) string {
	t.Helper()
	bin := chromiumBin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--dump-dom", "file://"+page)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "chromium: %s", stderr.String())
	return stdout.String()
}

// TestHistoryTimelineFromStore: two sweeps of lon-wan-02 with a ROMMON
// upgrade in between. The second sweep's HTML report, as Chromium parses
// it, shows two snapshots on the device's timeline (the first and the one
// just written, not a third for "this audit"), the large dot of the ROMMON
// change and the change itself; the markdown report lists it too.
func TestHistoryTimelineFromStore(t *testing.T) {
	l, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = []string{"lon-wan-02"}

	g.Output = "html"
	var first bytes.Buffer
	require.Equal(t, exitDrift, exitCode(runSweepT(context.Background(), g, &first)))
	require.NoError(t, l.Device("lon-wan-02").Update(func(s *lab.DeviceSpec) { s.ROMMON = "16.12(2r)" }))

	var out bytes.Buffer
	require.Equal(t, exitDrift, exitCode(runSweepT(context.Background(), g, &out)), "ROM-002: changed outside a window")
	page := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(page, out.Bytes(), 0o600))
	dom := dumpDOM(t, page)

	i := strings.Index(dom, `aria-label="history of lon-wan-02"`)
	require.Positive(t, i, "timeline of lon-wan-02")
	svg := dom[i : i+strings.Index(dom[i:], "</svg>")]
	circles := regexp.MustCompile(`<circle class="(\w+)" cx="\d+" cy="\d+" r="(\d)"><title>([^<]*)</title>`).FindAllStringSubmatch(svg, -1)
	require.Len(t, circles, 2, svg)
	require.Equal(t, "bad", circles[0][1], "first sweep: ROM-001")
	require.Equal(t, "4", circles[0][2])
	require.Contains(t, circles[0][3], "ROMMON 16.7(5r)")
	require.Equal(t, "bad", circles[1][1], "second sweep: ROM-002")
	require.Equal(t, "6", circles[1][2], "large dot: the ROMMON changed")
	require.Contains(t, circles[1][3], "ROMMON 16.12(2r)")
	require.Contains(t, dom, "(2 snapshot(s);")
	require.Regexp(t, `changed: \d{4}-\d\d-\d\d \d\d:\d\dZ ROMMON 16\.7\(5r\)( cli\+snmp)? → 16\.12\(2r\)`, dom)

	g.Output = "markdown"
	out.Reset()
	// Approved now, but the change is still ROM-002 until a person accepts
	// it (the finding lifecycle): the third sweep drifts too.
	require.Equal(t, exitDrift, exitCode(runSweepT(context.Background(), g, &out)), "third sweep: ROM-002 stays open")
	require.Regexp(t, `(?m)^- lon-wan-02: 3 snapshots .*; findings 1 → 1 → 1; changed: .* ROMMON 16\.7\(5r\)( cli\+snmp)? → 16\.12\(2r\)( cli\+snmp)?$`, out.String())
}
