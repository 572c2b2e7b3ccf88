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

// TestParseIOSLoggingSaysWhenCapped: a device log of 100,001 harmless
// events then a login from outside keeps MaxEvents events and counts the
// two after them as dropped, for the caller to report (PARSE-001), instead
// of ending silently before the login.
func TestParseIOSLoggingSaysWhenCapped(t *testing.T) {
	const harmless = "%SYS-5-CONFIG_I: Configured from console by ops\n"
	const hidden = "*Nov 25 02:30:00.000: %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: root] [Source: 203.0.113.66] [localport: 22] at 02:30:00 UTC Wed Nov 25 2026\n"
	evs, dropped := logparse.ParseIOSLogging(strings.Repeat(harmless, floodLines)+hidden, "show logging")
	require.Len(t, evs, logparse.MaxEvents)
	require.Equal(t, floodLines+1-logparse.MaxEvents, dropped)

	evs, dropped = logparse.ParseIOSLogging(harmless+hidden, "show logging")
	require.Len(t, evs, 2)
	require.Zero(t, dropped, "under the cap nothing is dropped")
	require.Equal(t, "203.0.113.66", evs[1].Source)
}
