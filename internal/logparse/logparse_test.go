package logparse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
	"fwaudit/internal/golden"
	"fwaudit/internal/logparse"
	"fwaudit/internal/textsafe"
)

func parseFile(t *testing.T, path string) []facts.LogEvent {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	evs, err := logparse.ParseSyslog(f, filepath.Base(path))
	require.NoError(t, err)
	return evs
}

func TestParseSyslogFiles(t *testing.T) {
	for _, name := range []string{"syslog-rfc3164.log", "syslog-rfc5424.log"} {
		t.Run(strings.TrimSuffix(name, ".log"), func(t *testing.T) {
			evs := parseFile(t, filepath.Join("testdata", name))
			golden.AssertJSON(t, filepath.Join("testdata", strings.TrimSuffix(name, ".log")+".golden.json"), evs)
		})
	}
}

func TestParseSyslogRFC3164(t *testing.T) {
	evs := parseFile(t, "testdata/syslog-rfc3164.log")
	kinds := []string{}
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
	}
	require.Equal(t, []string{facts.LogLogin, facts.LogConfig, facts.LogConfig, facts.LogTransfer, facts.LogTransfer, facts.LogReload}, kinds)
	tftp := evs[3]
	require.Equal(t, "203.0.113.66", tftp.Source)
	require.Equal(t, "isr4300-universalk9.17.09.04a.SPA.bin", tftp.File)
	require.Equal(t, "tftp01", tftp.Host)
	require.Equal(t, "syslog-rfc3164.log:4", tftp.Origin)
	require.Equal(t, time.Date(0, 11, 25, 2, 10, 0, 0, time.UTC), tftp.Time, "RFC 3164 has no year")
	require.Equal(t, "10.10.4.21", evs[4].Source, "IPv4-mapped addresses are unmapped")
	require.Equal(t, "admin", evs[0].User)
	require.Equal(t, "10.10.4.20", evs[0].Source)
	require.Equal(t, "lon-wan-02", evs[0].Host)
	require.Equal(t, "10.10.4.20", evs[5].Source, "reload requested from vty with its address")
}

func TestParseSyslogRFC5424(t *testing.T) {
	evs := parseFile(t, "testdata/syslog-rfc5424.log")
	require.Len(t, evs, 4)
	require.Equal(t, facts.LogLogin, evs[0].Kind)
	require.Equal(t, "198.51.100.7", evs[0].Source)
	require.Equal(t, time.Date(2026, 11, 25, 3, 0, 1, 120e6, time.UTC), evs[0].Time.UTC())
	require.Equal(t, facts.LogTransfer, evs[1].Kind, "copy tftp:// is a transfer")
	require.Equal(t, "203.0.113.66", evs[1].Source)
	require.Equal(t, "c8000be-universalk9.17.09.04a.SPA.bin", evs[1].File)
	require.Equal(t, facts.LogLogin, evs[2].Kind)
	require.Equal(t, "backup", evs[2].User)
	require.Equal(t, "scp01", evs[2].Host)
	require.Equal(t, facts.LogTransfer, evs[3].Kind)
	require.Equal(t, "ftp01", evs[3].Host)
}

func TestParseIOSLogging(t *testing.T) {
	b, err := os.ReadFile("testdata/iosxe-show-logging.txt")
	require.NoError(t, err)
	evs, dropped := logparse.ParseIOSLogging(string(b), "show logging")
	require.Zero(t, dropped)
	golden.AssertJSON(t, "testdata/iosxe-show-logging.golden.json", evs)
	kinds := []string{}
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
	}
	require.Equal(t, []string{facts.LogReload, facts.LogLogin, facts.LogLoginFailed, facts.LogConfig,
		facts.LogROMMONUpgrade, facts.LogROMMONUpgrade, facts.LogReload}, kinds)
	require.Equal(t, "203.0.113.66", evs[2].Source)
	require.Equal(t, "root", evs[2].User)
	require.Equal(t, "bootflash:isr4300_rommon_1612_2r_SPA.pkg", evs[4].File)
	require.Equal(t, time.Date(0, 11, 25, 2, 3, 11, 2e6, time.UTC), evs[4].Time)
}

// TestParseIOSLoggingCorpus: real show logging outputs (ntc-templates)
// parse without error and give only safe strings; 3 has a restart.
func TestParseIOSLoggingCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*.raw")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	restarts := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		evs, _ := logparse.ParseIOSLogging(string(b), "show logging")
		for _, ev := range evs {
			requireSafe(t, ev)
			if ev.Kind == facts.LogReload {
				restarts++
			}
		}
	}
	require.Positive(t, restarts)
}

func TestParseSyslogLine(t *testing.T) {
	tests := []struct {
		name, line string
		ok         bool
		host, app  string
	}{
		{"rfc5424", `<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed`, true, "mymachine.example.com", "su"},
		{"rfc5424-sd", `<165>1 2003-10-11T22:14:15.003Z host app 1 ID [a b="c\]d"][e f="g"] msg`, true, "host", "app"},
		{"rfc3164", `<34>Oct 11 22:14:15 mymachine su: 'su root' failed`, true, "mymachine", "su"},
		{"file-form", `Oct  1 02:14:15 host in.tftpd[12]: RRQ from 1.2.3.4 filename x`, true, "host", "in.tftpd"},
		{"iso-form", `2026-11-25T10:00:00.5+01:00 host sshd[4]: hi`, true, "host", "sshd"},
		{"bad-pri", `<999>1 2003-10-11T22:14:15.003Z h a - - - m`, false, "", ""},
		{"garbage", `hello world`, false, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := logparse.ParseSyslogLine(tc.line)
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.host, r.Host)
			require.Equal(t, tc.app, r.App)
		})
	}
}

func TestHostileLinesAreCleaned(t *testing.T) {
	line := "Nov 25 02:10:00 tftp01 in.tftpd[1]: RRQ from 203.0.113.66 filename evil\x1b[2J.bin"
	ev, ok := logparse.SyslogEvent(line)
	require.True(t, ok)
	requireSafe(t, ev)
	evs, _ := logparse.ParseIOSLogging("%SYS-5-CONFIG_I: Configured from console by \x1b]0;pwn\x07admin on vty0 (10.1.1.1)\n", "show logging")
	require.Len(t, evs, 1)
	requireSafe(t, evs[0])
}

func requireSafe(t *testing.T, ev facts.LogEvent) {
	t.Helper()
	for _, s := range []string{ev.Kind, ev.Source, ev.User, ev.File, ev.Message, ev.Origin, ev.Host, ev.Program} {
		require.True(t, textsafe.IsSafe(s), "%q", s)
	}
}
