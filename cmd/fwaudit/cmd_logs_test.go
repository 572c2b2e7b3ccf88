package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// logBaselines: the shipped IOS XE baseline's policy authorizes
// 10.10.0.0/16 and 127.0.0.0/8.
func logBaselines(t *testing.T) string { return iosxeBaselines(t) }

// TestLogsFlagsUnauthorizedTransfer reads the sample RFC 3164 and RFC 5424
// files: the TFTP and FTP transfers from 203.0.113.66 and the login from
// 198.51.100.7 are LOG-001; every transfer is LOG-002 (no window).
func TestLogsFlagsUnauthorizedTransfer(t *testing.T) {
	g := testGlobals("")
	g.Baselines = logBaselines(t)
	g.Output = "json"
	var out bytes.Buffer
	err := runLogs(context.Background(), logsOptions{referenceFlags: g.referenceFlags, Output: outputOr(g.Output, "table")}, g.root(), []string{"testdata/logs/syslog-rfc3164.log", "testdata/logs/syslog-rfc5424.log"}, &out)
	require.Equal(t, exitDrift, exitCode(err), "err: %v", err)
	var doc struct {
		Events   int `json:"events"`
		Findings []struct {
			Host     string `json:"host"`
			Rule     string `json:"rule"`
			Observed string `json:"observed"`
			Escalate bool   `json:"escalate"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &doc), out.String())
	require.Equal(t, 10, doc.Events)
	type hit struct{ host, rule, observed string }
	var got []hit
	for _, f := range doc.Findings {
		got = append(got, hit{f.Host, f.Rule, f.Observed})
		require.True(t, f.Escalate)
	}
	require.ElementsMatch(t, []hit{
		{"tftp01", "LOG-001", "203.0.113.66"},
		{"tftp01", "LOG-002", "transfer isr4300-universalk9.17.09.04a.SPA.bin"},
		{"tftp01", "LOG-002", "transfer isr4300_rommon_1612_2r_SPA.pkg"},
		{"fra-wan-01", "LOG-001", "198.51.100.7"},
		{"fra-wan-01", "LOG-001", "203.0.113.66"},
		{"fra-wan-01", "LOG-002", "transfer c8000be-universalk9.17.09.04a.SPA.bin"},
		{"ftp01", "LOG-001", "203.0.113.66"},
		{"ftp01", "LOG-002", "transfer c8000be-universalk9.17.09.04a.SPA.bin"},
	}, got)
}

// TestLogsQuietInsideWindowFromAuthorizedSource: the authorized transfer
// of the ROMMON package inside a window gives nothing.
func TestLogsQuietInsideWindowFromAuthorizedSource(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "tftpd.log")
	require.NoError(t, os.WriteFile(log, []byte("<30>1 2026-11-25T02:11:07Z tftp01 in.tftpd 1851 - - RRQ from 10.10.4.21 filename isr4300_rommon_1612_2r_SPA.pkg\n"), 0o600))
	g := testGlobals("")
	g.Baselines = logBaselines(t)
	g.Changes = writeChanges(t, "changes:\n  - id: CHG-1\n    start: 2026-11-25T02:00:00Z\n    end: 2026-11-25T03:00:00Z\n    devices: [tftp01]\n    allow: [image]\n")
	var out bytes.Buffer
	require.NoError(t, runLogs(context.Background(), logsOptions{referenceFlags: g.referenceFlags, Output: outputOr(g.Output, "table")}, g.root(), []string{log}, &out))
	require.Contains(t, out.String(), "1 event(s), 0 finding(s)")
}
