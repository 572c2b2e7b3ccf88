package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
)

// TestPLAT001_FiresWhenShowVersionContradictsTheInventory: an IOS XE
// inventory entry that is a classic IOS box is not judged with IOS XE's
// baseline: one PLAT-001, no ROM-001 / IMG-001 from the wrong parsers, no
// plan, and the device is unassessed with the reason.
func TestPLAT001_FiresWhenShowVersionContradictsTheInventory(t *testing.T) {
	in := input(factsWithROMMON("15.0(1r)M16")) // not approved for the test model: ROM-001 would fire
	in.DetectedPlatform, in.DetectedFrom = "cisco_ios", "its show version"
	fs := audit.Evaluate(in)
	require.Len(t, fs, 1)
	require.Equal(t, audit.PLAT001, fs[0].Rule)
	require.Equal(t, "cisco_ios", fs[0].Observed)
	require.Equal(t, "cisco_iosxe", fs[0].Expected)
	require.Contains(t, fs[0].Evidence, "its show version looks like cisco_ios")
	a := audit.Assess(fs)
	require.False(t, a.Assessed)
	require.Equal(t, "platform mismatch: declared cisco_iosxe, the device looks like cisco_ios", a.Reason)
}

func TestPLAT001_QuietWhenThePlatformsAgree(t *testing.T) {
	for name, detected := range map[string]string{"agree": "cisco_iosxe", "nothing-detected": ""} {
		t.Run(name, func(t *testing.T) {
			in := input(factsWithROMMON("15.0(1r)M16"))
			in.DetectedPlatform = detected
			fs := audit.Evaluate(in)
			require.Empty(t, only(fs, audit.PLAT001))
			require.NotEmpty(t, only(fs, audit.ROM001), "the other rules run")
		})
	}
}
