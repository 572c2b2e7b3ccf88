package collect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/textsafe"
)

// TestCollectSNMP_Bounds: the walk stops at MaxVarbinds, and a huge,
// escape-laden firmware string is capped and cleaned.
func TestCollectSNMP_Bounds(t *testing.T) {
	huge := strings.Repeat("16.12(2r)\x1b[2J", 300)
	f := labtest.Fleet(t, `
devices:
  - {name: hostile, platform: cisco_iosxe, model: ISR4331/K9, rommon: "16.12(2r)", image: isr.bin, snmp_firmware: "`+strings.ReplaceAll(huge, "\x1b", `\e`)+`"}
`)
	d := labtest.StartFleet(t, f, lab.Options{}).Device("hostile")
	require.Equal(t, huge, d.Spec().SNMPFirmware, "the agent serves the escapes")

	tg := v2cTarget(d)
	tg.MaxVarbinds = 10
	_, err := collect.CollectSNMP(context.Background(), tg, quiet())
	require.ErrorIs(t, err, collect.ErrTooManyVarbinds)

	tg = v2cTarget(d)
	res, err := collect.CollectSNMP(context.Background(), tg, quiet())
	require.NoError(t, err)
	require.NotEmpty(t, res.Components)
	for _, c := range res.Components {
		require.LessOrEqual(t, len(c.Version), collect.DefaultMaxValueBytes)
		require.True(t, textsafe.IsSafe(c.Version), "%q", c.Version)
		require.NotContains(t, c.Version, "\x1b")
	}
	for _, vb := range res.Varbinds {
		require.True(t, textsafe.IsSafe(vb.Value), "%q", vb.Value)
	}
}
