package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

// TestLogsFindsLoginAfterFlood: syslog over UDP is unauthenticated, so
// anyone who reaches the collector can write 100,001 harmless lines (from
// an authorized source) before the unauthorized login; it is still LOG-001.
func TestLogsFindsLoginAfterFlood(t *testing.T) {
	log := filepath.Join(t.TempDir(), "flood.log")
	f, err := os.Create(log)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	for range 100001 {
		_, err := w.WriteString("<38>1 2026-11-25T02:00:00Z scp01 sshd 42 - - Accepted publickey for backup from 10.10.4.21 port 51234 ssh2\n")
		require.NoError(t, err)
	}
	_, err = w.WriteString("<38>1 2026-11-25T02:30:00Z scp01 sshd 43 - - Accepted password for root from 203.0.113.66 port 40000 ssh2\n")
	require.NoError(t, err)
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())

	g := testGlobals("")
	g.Baselines = logBaselines(t)
	var out bytes.Buffer
	err = runLogs(context.Background(), logsOptions{referenceFlags: g.referenceFlags, Output: "table"}, g.root(), []string{log}, &out)
	require.Equal(t, exitDrift, exitCode(err), "err: %v\n%s", err, out.String())
	require.Contains(t, out.String(), "LOG-001")
	require.Contains(t, out.String(), "203.0.113.66")
	require.Contains(t, out.String(), "100002 event(s), 1 finding(s)")
	require.NotContains(t, out.String(), "cap reached")
}

// TestLogsSuspectCapIsReported: suspect events over the in-memory cap are
// counted and said in the report, never dropped silently.
func TestLogsSuspectCapIsReported(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, renderLogFindings(&out, "table", 3, 7, nil))
	require.Contains(t, out.String(), "cap reached: 7 suspect event(s)")
	out.Reset()
	require.NoError(t, renderLogFindings(&out, "json", 3, 7, nil))
	require.Contains(t, out.String(), `"dropped_suspect_events": 7`)
}

// TestSuspectEventsCountsOverCap: past maxSuspectEvents a suspect event is
// counted as dropped, not kept and not forgotten.
func TestSuspectEventsCountsOverCap(t *testing.T) {
	s := newSuspectEvents(func(ev facts.LogEvent) bool { return ev.Source != "" })
	for range maxSuspectEvents + 2 {
		require.NoError(t, s.add(facts.LogEvent{Host: "h", Source: "203.0.113.66"}))
	}
	require.NoError(t, s.add(facts.LogEvent{Host: "h"}))
	require.Len(t, s.byHost["h"], maxSuspectEvents)
	require.Equal(t, 2, s.dropped)
}
