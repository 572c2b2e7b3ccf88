package platform

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

// TestASALogEvents: the message shapes of reference §3.7, in the corpus
// show logging layout (hand-written lines).
func TestASALogEvents(t *testing.T) {
	l, err := ParseASALogging(`Syslog logging: enabled
Apr 21 2026 03:12:44: %ASA-6-605005: Login permitted from 198.51.100.7/48423 to outside:10.11.12.15/ssh for user "admin"
Apr 21 2026 03:12:50: %ASA-6-605004: Login denied from 198.51.100.8/5000 to outside:10.11.12.15/ssh for user "root"
Apr 21 2026 03:13:10: %ASA-5-111008: User 'admin' executed the 'copy tftp://203.0.113.9/asa.SPA disk0:/asa.SPA' command.
fw1 : %ASA-5-111010: User 'admin', running 'CLI' from IP 198.51.100.7, executed 'upgrade rommon disk0:/asa5500-firmware-1118.SPA'
Apr 21 2026 03:20:00: %ASA-6-199005: Startup begin
Apr 21 2026 03:20:01: %ASA-6-302014: Teardown TCP connection 1 for outside:1.1.1.1/443 to inside:10.1.1.1/1 duration 0:00:00 bytes 0
`)
	require.NoError(t, err)
	ev := l.Events(ASAShowLogging)
	require.Len(t, ev, 5)
	require.Equal(t, facts.LogLogin, ev[0].Kind)
	require.Equal(t, "198.51.100.7", ev[0].Source)
	require.Equal(t, "admin", ev[0].User)
	require.Equal(t, time.Date(2026, 4, 21, 3, 12, 44, 0, time.UTC), ev[0].Time)
	require.Equal(t, facts.LogLoginFailed, ev[1].Kind)
	require.Equal(t, facts.LogTransfer, ev[2].Kind)
	require.Equal(t, facts.LogROMMONUpgrade, ev[3].Kind)
	require.Equal(t, "198.51.100.7", ev[3].Source)
	require.Equal(t, "fw1", ev[3].Host)
	require.True(t, ev[3].Time.IsZero())
	require.Equal(t, facts.LogReload, ev[4].Kind)
	require.Equal(t, "ASA-6-199005", ev[4].Program)
}
