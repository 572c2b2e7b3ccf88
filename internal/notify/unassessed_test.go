package notify_test

import (
	"context"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/notify"
	"fwaudit/internal/report"
)

// unassessedRun has one router whose model no baseline covers.
func unassessedRun() report.Run {
	r := sampleRun()
	r.Devices = append(r.Devices, report.Device{Name: "lon-isr-44", Address: "192.0.2.44", Platform: "cisco_iosxe",
		Findings: []audit.Finding{{Rule: audit.BASE001, Severity: audit.Info, Title: "no baseline for model",
			Observed: "ISR4451-X/K9", Evidence: "no model glob matches ISR4451-X/K9"}}})
	return r
}

// TestMetricsUnassessed: an unassessed device is its own status series,
// never counted clean.
func TestMetricsUnassessed(t *testing.T) {
	_, samples := writeMetrics(t, filepath.Join(t.TempDir(), "fwaudit.prom"), unassessedRun(), true)
	require.EqualValues(t, 1, value(t, samples, "fwaudit_devices", map[string]string{"status": "unassessed"}))
	require.EqualValues(t, 1, value(t, samples, "fwaudit_devices", map[string]string{"status": "clean"}), "lon-acc-sw-01 only")
	dev := map[string]string{"device": "lon-isr-44"}
	for status, want := range map[string]float64{"unassessed": 1, "clean": 0, "drift": 0, "error": 0} {
		dev["status"] = status
		require.Equal(t, want, value(t, samples, "fwaudit_device_status", dev), status)
	}
}

// TestSyslogUnassessed: the SIEM sees the device's status and why it was
// not assessed in the CEF record (outcome, reason).
func TestSyslogUnassessed(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	require.NoError(t, notify.SendSyslog(context.Background(), "udp://"+pc.LocalAddr().String(), unassessedRun(),
		notify.SyslogOptions{Version: "1.2.3", Hostname: "auditor"}))
	buf := make([]byte, 65536)
	var last string
	for range 3 {
		require.NoError(t, pc.SetReadDeadline(time.Now().Add(5*time.Second)))
		n, _, err := pc.ReadFrom(buf)
		require.NoError(t, err)
		last = string(buf[:n])
	}
	m := rfc5424.FindStringSubmatch(last)
	require.NotNil(t, m, last)
	require.Equal(t, audit.BASE001, m[5])
	require.Contains(t, m[6], "outcome=unassessed reason=no baseline for model ISR4451-X/K9: no model glob matches ISR4451-X/K9 msg=")
}
