package logparse_test

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
	"fwaudit/internal/logparse"
)

// floodLines is how many harmless events an attacker who can reach the
// collector (syslog over UDP is unauthenticated) sends before the login it
// wants hidden: one more than ParseSyslog keeps.
const floodLines = 100001

const (
	harmlessLine = "<38>1 2026-11-25T02:00:00Z scp01 sshd 42 - - Accepted publickey for backup from 10.10.4.21 port 51234 ssh2\n"
	hiddenLogin  = "<38>1 2026-11-25T02:30:00Z scp01 sshd 43 - - Accepted password for root from 203.0.113.66 port 40000 ssh2\n"
)

// floodReader streams the flood and the hidden login without holding the
// file in memory.
func floodReader() io.Reader {
	return io.MultiReader(strings.NewReader(strings.Repeat(harmlessLine, floodLines)), strings.NewReader(hiddenLogin))
}

// TestParseSyslogSaysWhenCapped: past its cap ParseSyslog returns
// ErrEventCap, not a silent prefix that ends before the hidden login.
func TestParseSyslogSaysWhenCapped(t *testing.T) {
	evs, err := logparse.ParseSyslog(floodReader(), "flood.log")
	require.ErrorIs(t, err, logparse.ErrEventCap)
	require.NotEmpty(t, evs)
}

// TestScanSyslogReadsPastFlood: the streaming reader hands every event to
// the caller, the login after 100,001 harmless lines included.
func TestScanSyslogReadsPastFlood(t *testing.T) {
	var last facts.LogEvent
	n, err := logparse.ScanSyslog(floodReader(), "flood.log", func(ev facts.LogEvent) error {
		last = ev
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, floodLines+1, n)
	require.Equal(t, "203.0.113.66", last.Source)
	require.Equal(t, "root", last.User)
	require.Equal(t, "flood.log:100002", last.Origin)
}

// TestScanSyslogStopsOnCallerError: an error from the callback ends the
// scan and is returned as is.
func TestScanSyslogStopsOnCallerError(t *testing.T) {
	stop := io.ErrClosedPipe
	n, err := logparse.ScanSyslog(floodReader(), "flood.log", func(facts.LogEvent) error { return stop })
	require.ErrorIs(t, err, stop)
	require.Zero(t, n)
}
