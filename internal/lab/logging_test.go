package lab_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
)

// TestShowLoggingFromFleet: a device's logs: lines come back from `show
// logging` (through the same | include filter fwaudit sends), and parse
// into the events they describe.
func TestShowLoggingFromFleet(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	require.NoError(t, l.Device("lon-wan-01").Update(func(s *lab.DeviceSpec) {
		s.Logs = []string{
			"Nov 25 01:58:02.114: %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 203.0.113.66] [localport: 22] at 01:58:02 UTC Wed Nov 25 2026",
			"Nov 25 02:00:00.000: %LINEPROTO-5-UPDOWN: Line protocol on Interface Gi0/0/1, changed state to up",
		}
	}))
	out := execOut(t, dial(t, l.Device("lon-wan-01")), platform.IOSXEShowLogging)
	require.Contains(t, out, "%SEC_LOGIN-5-LOGIN_SUCCESS")
	require.NotContains(t, out, "LINEPROTO", "the device-side include filter drops the rest")

	require.NoError(t, l.Device("lon-wan-01").Update(func(s *lab.DeviceSpec) {
		s.Logs = append(s.Logs, "Nov 25 02:05:00.000: %SYS-5-RELOAD: Reload requested by admin on vty0 (203.0.113.66). Reload Reason: Reload Command.")
	}))
	out = execOut(t, dial(t, l.Device("lon-wan-01")), platform.IOSXEShowLogging)
	evs, _ := platform.ParseIOSXELogging(out)
	require.Len(t, evs, 3)
	require.Equal(t, "reload", evs[0].Kind, "the restart at boot")
	require.Equal(t, "login", evs[1].Kind)
	require.Equal(t, "203.0.113.66", evs[1].Source)
	require.Equal(t, "reload", evs[2].Kind)
	require.True(t, strings.HasPrefix(evs[2].Origin, "show logging"))
}
