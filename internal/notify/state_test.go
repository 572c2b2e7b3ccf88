package notify_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/notify"
	"fwaudit/internal/report"
)

// stateRun has one finding in each state on lon-wan-02.
func stateRun() report.Run {
	r := sampleRun()
	r.Devices = r.Devices[:2]
	f := r.Devices[1].Findings[0]
	newF, openF, accF := f, f, f
	openF.Rule, openF.State, openF.FirstSeen = audit.ROM002, audit.StateOpen, r.FinishedAt.Add(-72*time.Hour)
	accF.Rule, accF.State, accF.FirstSeen = audit.LOG001, audit.StateAccepted, r.FinishedAt.Add(-240*time.Hour)
	accF.Accepted = &audit.Acceptance{By: "soc", Reason: "known", At: r.FinishedAt}
	newF.State = audit.StateNew
	r.Devices[1].Findings = []audit.Finding{newF, openF, accF}
	return r
}

// syslogRules sends r under mode to a loopback UDP listener and returns the
// rule of each message received.
func syslogRules(t *testing.T, r report.Run, mode string) []string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	require.NoError(t, notify.SendSyslog(context.Background(), "udp://"+pc.LocalAddr().String(), r,
		notify.SyslogOptions{Version: "1", Hostname: "a", Notify: mode}))
	var rules []string
	buf := make([]byte, 65536)
	for {
		require.NoError(t, pc.SetReadDeadline(time.Now().Add(300*time.Millisecond)))
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			return rules // nothing more was sent
		}
		m := rfc5424.FindStringSubmatch(string(buf[:n]))
		require.NotNil(t, m)
		rules = append(rules, m[5])
	}
}

// TestSyslogNotifyFollowsState: by default only new findings are sent, so
// an alert is raised once; --notify open sends every finding not accepted,
// each run; an accepted finding is never sent.
func TestSyslogNotifyFollowsState(t *testing.T) {
	r := stateRun()
	require.Equal(t, []string{audit.ROM001}, syslogRules(t, r, ""))
	require.Equal(t, []string{audit.ROM001}, syslogRules(t, r, notify.NotifyNew))
	require.Equal(t, []string{audit.ROM001, audit.ROM002}, syslogRules(t, r, notify.NotifyOpen))
	require.Error(t, notify.SendSyslog(context.Background(), "udp://127.0.0.1:9", r, notify.SyslogOptions{Notify: "all"}))
}

// TestWebhookNotifyFollowsState: a run with nothing new posts nothing by
// default; --notify open posts while a finding stays open.
func TestWebhookNotifyFollowsState(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { posts.Add(1) }))
	defer srv.Close()
	r := stateRun()
	r.Devices[1].Findings = r.Devices[1].Findings[1:] // open + accepted: nothing new
	require.NoError(t, notify.PostWebhook(context.Background(), srv.URL, r, notify.WebhookOptions{}))
	require.Zero(t, posts.Load())
	require.NoError(t, notify.PostWebhook(context.Background(), srv.URL, r, notify.WebhookOptions{Notify: notify.NotifyOpen}))
	require.Equal(t, int32(1), posts.Load())
}

// TestMetricsOpenFindingsAndAge: accepted findings leave the open series,
// and the oldest open finding's age keeps an alert firing until accepted.
func TestMetricsOpenFindingsAndAge(t *testing.T) {
	_, samples := writeMetrics(t, filepath.Join(t.TempDir(), "m.prom"), stateRun(), true)
	dev := map[string]string{"device": "lon-wan-02"}
	require.Equal(t, 1.0, value(t, samples, "fwaudit_device_findings", map[string]string{"device": "lon-wan-02", "rule": audit.ROM001}))
	require.Equal(t, 1.0, value(t, samples, "fwaudit_device_findings", map[string]string{"device": "lon-wan-02", "rule": audit.ROM002}))
	require.Empty(t, seriesWith(samples, "fwaudit_device_findings", map[string]string{"rule": audit.LOG001}), "accepted: not open")
	require.Equal(t, float64(72*3600), value(t, samples, "fwaudit_device_oldest_open_finding_age_seconds", dev))
	require.Empty(t, seriesWith(samples, "fwaudit_device_oldest_open_finding_age_seconds", map[string]string{"device": "lon-acc-sw-01"}), "no open finding: no age")
}

func seriesWith(samples []sample, name string, want map[string]string) []sample {
	var out []sample
	for _, s := range series(samples, name) {
		match := true
		for k, v := range want {
			match = match && s.Labels[k] == v
		}
		if match {
			out = append(out, s)
		}
	}
	return out
}
