package report_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
	"fwaudit/internal/report"
)

// TestTimelineChangesComeFromTheChangeModel: the markdown history lists
// what change.Compare finds, across a snapshot that was not audited, and
// nothing for uptime that only kept counting. Up since before the first
// point until a reload after the third.
func TestTimelineChangesComeFromTheChangeModel(t *testing.T) {
	r := sampleRun()
	d := &r.Devices[0] // lon-acc-sw-01, up a day at the end of the run
	old := d.Facts
	old.ROMMON = []facts.Component{{Name: "R0", Version: "17.6.1r[FC2]", Source: facts.SourceCLI}}
	old.Boot.ConfigRegister = "0x2142"
	t0 := r.FinishedAt
	up := func(f facts.Facts, s int64) facts.Facts { f.UptimeSeconds = s; return f }
	d.History = []report.HistoryPoint{
		report.NewHistoryPoint(t0.Add(-72*time.Hour), up(old, 86400), nil, false),
		report.NewHistoryPoint(t0.Add(-48*time.Hour), facts.Facts{}, nil, true), // not audited
		report.NewHistoryPoint(t0.Add(-30*time.Hour), up(old, 86400+42*3600), nil, false),
	}
	var b bytes.Buffer
	require.NoError(t, report.RenderMarkdown(&b, r))
	out := b.String()
	require.Contains(t, out, "changed: 2026-11-27 02:15Z ROMMON 17.6.1r\\[FC2\\] → 17.9.1r\\[FC2\\]")
	require.Contains(t, out, "changed: 2026-11-27 02:15Z config register 0x2142 → 0x102")
	require.Contains(t, out, "changed: 2026-11-27 02:15Z reload: uptime went down from 66h0m0s to 24h0m0s")
	require.Equal(t, 1, bytes.Count(b.Bytes(), []byte("reload:")), "uptime that kept counting, across the outage, is no reload")
}
