package collect_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

// TestRunExec_ChargesTheDeviceBudget: the exec channels (signed boot
// measurements) reserve from the device's memory budget like the CLI
// session, so a device answering just under the per-command cap on each
// exec cannot outgrow --max-device-bytes there either.
func TestRunExec_ChargesTheDeviceBudget(t *testing.T) {
	const answer = 64 << 10 // each answer padded to this (hostile: near-cap-output)
	f := labtest.Fleet(t, offboxFleet)
	f.Devices[0].Quirks = lab.Quirks{Hostile: lab.HostileNearCap, HostileBytes: answer}
	l := labtest.StartFleet(t, f, lab.Options{})
	d := l.Device("img-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	cmds := []string{"show version", "show clock"}
	o := collect.ExecOptions{MaxOutputBytes: 1 << 20, CommandTimeout: 10 * time.Second}

	t.Run("over the budget", func(t *testing.T) {
		o := o
		o.Budget = collect.NewBudget("device", answer*3/2, nil)
		out, err := collect.RunExec(t.Context(), hashTarget(t, d, hk), cmds, o)
		require.ErrorIs(t, err, collect.ErrBudgetExceeded)
		require.ErrorContains(t, err, `run "show clock"`)
		require.ErrorContains(t, err, "device outputs would exceed 98304 bytes")
		require.Len(t, out, 1, "the first answer fitted")
	})
	t.Run("within the budget", func(t *testing.T) {
		o := o
		o.Budget = collect.NewBudget("device", 4*answer, nil)
		out, err := collect.RunExec(t.Context(), hashTarget(t, d, hk), cmds, o)
		require.NoError(t, err)
		require.Len(t, out, 2)
		require.GreaterOrEqual(t, o.Budget.Used(), int64(len(out["show version"])+len(out["show clock"])), "every byte read is charged")
	})
}
