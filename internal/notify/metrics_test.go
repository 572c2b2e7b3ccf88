package notify_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/golden"
	"fwaudit/internal/notify"
	"fwaudit/internal/report"
)

// metricsRun is the sample run with sites and one device that could not
// be audited.
func metricsRun() report.Run {
	r := sampleRun()
	r.Devices[0].Site, r.Devices[1].Site = "lon", "lon"
	r.Devices = append(r.Devices, report.Device{Name: "par-core-01", Address: "192.0.2.30", Platform: "arista_eos",
		Site: "par", Error: "ssh: connection refused"})
	return r
}

// writeMetrics writes r to a fresh textfile and returns its text, checked
// against the exposition format.
func writeMetrics(t *testing.T, path string, r report.Run, completed bool) (string, []sample) {
	t.Helper()
	require.NoError(t, notify.WriteMetricsFile(path, r, completed))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	samples, err := parseExposition(string(b))
	require.NoError(t, err, string(b))
	return string(b), samples
}

// series returns the samples of one metric name.
func series(samples []sample, name string) []sample {
	var out []sample
	for _, s := range samples {
		if s.Name == name {
			out = append(out, s)
		}
	}
	return out
}

// value returns the value of the one sample of name whose labels include
// want, failing when there is none or more than one.
func value(t *testing.T, samples []sample, name string, want map[string]string) float64 {
	t.Helper()
	found := seriesWith(samples, name, want)
	require.Len(t, found, 1, "%s%v", name, want)
	return found[0].Value
}

// TestMetricsFile pins the whole textfile (golden) and checks the series
// the SOC alerts on.
func TestMetricsFile(t *testing.T) {
	out, samples := writeMetrics(t, filepath.Join(t.TempDir(), "fwaudit.prom"), metricsRun(), true)
	golden.Assert(t, "testdata/metrics.golden.prom", []byte(out))

	require.EqualValues(t, 4, value(t, samples, "fwaudit_devices_audited", nil))
	require.EqualValues(t, 2, value(t, samples, "fwaudit_devices", map[string]string{"status": "drift"}))
	require.EqualValues(t, 1, value(t, samples, "fwaudit_devices", map[string]string{"status": "error"}))
	require.EqualValues(t, 1, value(t, samples, "fwaudit_devices_escalated", nil))
	for _, s := range append(series(samples, "fwaudit_devices"), series(samples, "fwaudit_device_status")...) {
		require.NotEqual(t, "escalate", s.Labels["status"], "escalation is its own series")
	}

	// One-hot: each device has exactly one status at 1, and all three present.
	want := map[string]string{"lon-acc-sw-01": "clean", "lon-wan-02": "drift", "evil|sw=01": "drift", "par-core-01": "error"}
	for dev, status := range want {
		for _, st := range []string{"clean", "drift", "error"} {
			v := value(t, samples, "fwaudit_device_status", map[string]string{"device": dev, "status": st})
			require.Equal(t, st == status, v == 1, "%s %s", dev, st)
		}
	}
	require.Len(t, series(samples, "fwaudit_device_status"), len(report.Statuses)*len(want))
	require.EqualValues(t, 1, value(t, samples, "fwaudit_device_status",
		map[string]string{"device": "par-core-01", "platform": "arista_eos", "site": "par", "status": "error"}))

	require.EqualValues(t, 1, value(t, samples, "fwaudit_device_escalated", map[string]string{"device": "lon-wan-02", "site": "lon"}))
	require.EqualValues(t, 0, value(t, samples, "fwaudit_device_escalated", map[string]string{"device": "evil|sw=01"}))
	require.EqualValues(t, 1, value(t, samples, "fwaudit_device_findings",
		map[string]string{"device": "lon-wan-02", "rule": "ROM-001", "severity": "high"}))
	require.EqualValues(t, 1, value(t, samples, "fwaudit_device_findings",
		map[string]string{"device": "evil|sw=01", "rule": "IMG-001", "severity": "critical"}))
	require.Len(t, series(samples, "fwaudit_device_findings"), 2, "devices without findings have no findings series")
	require.EqualValues(t, 42, value(t, samples, "fwaudit_sweep_duration_seconds", nil))
	require.EqualValues(t, 1795745742, value(t, samples, "fwaudit_last_success_timestamp_seconds", nil))
}

// TestMetricsHostileLabels: label values come from inventories and device
// data; quotes, backslashes, line feeds, escape sequences and invalid
// UTF-8 must still give a file Prometheus reads, and names that clean to
// the same text must not give duplicate series (node_exporter would drop
// the whole file).
func TestMetricsHostileLabels(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 2, 15, 0, 0, time.UTC)
	finding := audit.Finding{Rule: "ROM-001\"}\n", Severity: audit.High, Title: "t"}
	r := report.Run{StartedAt: t0, FinishedAt: t0.Add(time.Second), Devices: []report.Device{
		{Name: `sw"1\` + "\n" + `x`, Platform: "cisco_ios\x1b[31m", Site: "a\xffb", Findings: []audit.Finding{finding}},
		{Name: "dup\x07", Platform: "cisco_ios"},
		{Name: "dup", Platform: "cisco_ios"},
		{Name: "dup\x00", Platform: "cisco_ios", Findings: []audit.Finding{finding, finding}},
	}}
	_, samples := writeMetrics(t, filepath.Join(t.TempDir(), "fwaudit.prom"), r, true)

	require.EqualValues(t, 1, value(t, samples, "fwaudit_device_status",
		map[string]string{"device": `sw"1\x`, "platform": "cisco_ios", "site": "a\uFFFDb", "status": "drift"}))
	for _, dev := range []string{"dup", "dup #2", "dup #3"} {
		require.EqualValues(t, 0, value(t, samples, "fwaudit_device_escalated", map[string]string{"device": dev}))
	}
	require.EqualValues(t, 2, value(t, samples, "fwaudit_device_findings",
		map[string]string{"device": "dup #3", "rule": `ROM-001"}`, "severity": "high"}))
	require.EqualValues(t, 3, value(t, samples, "fwaudit_findings", map[string]string{"rule": `ROM-001"}`}))
}

// TestMetricsLastSuccess: the last-success timestamp moves only when the
// run completed and audited at least one device; otherwise the previous
// file's value stays (or the metric is absent when there was none).
func TestMetricsLastSuccess(t *testing.T) {
	const previous, now = 1795745742.0, 1795749342.0 // one hour apart
	failed := func(r report.Run) report.Run {
		for i := range r.Devices {
			r.Devices[i].Error = "ssh: timeout"
		}
		return r
	}
	later := func(r report.Run) report.Run {
		r.StartedAt, r.FinishedAt = r.StartedAt.Add(time.Hour), r.FinishedAt.Add(time.Hour)
		return r
	}
	tests := []struct {
		name      string
		previous  bool // an earlier complete run wrote the file
		run       report.Run
		completed bool
		want      float64 // 0: metric absent
	}{
		{"completed-and-audited", true, later(metricsRun()), true, now},
		{"interrupted", true, later(metricsRun()), false, previous},
		{"every-device-errored", true, later(failed(metricsRun())), true, previous},
		{"no-devices", true, later(report.Run{StartedAt: metricsRun().StartedAt, FinishedAt: metricsRun().FinishedAt}), true, previous},
		{"first-run-all-errored", false, failed(metricsRun()), true, 0},
		{"first-run-interrupted", false, metricsRun(), false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "fwaudit.prom")
			if tc.previous {
				writeMetrics(t, path, metricsRun(), true)
			}
			_, samples := writeMetrics(t, path, tc.run, tc.completed)
			got := series(samples, "fwaudit_last_success_timestamp_seconds")
			if tc.want == 0 {
				require.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			require.Equal(t, tc.want, got[0].Value)
		})
	}
}

// TestMetricsFileAtomic leaves no temp file beside the textfile (the
// node_exporter folder is read as a whole).
func TestMetricsFileAtomic(t *testing.T) {
	dir := t.TempDir()
	for range 2 {
		writeMetrics(t, filepath.Join(dir, "fwaudit.prom"), metricsRun(), true)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1)
}
