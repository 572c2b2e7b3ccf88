package sweep_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/lab"
	"fwaudit/internal/sweep"
)

// TestSweepMemoryBudgets: a device that answers every command with just
// under the per-command cap passes that cap each time; the per-device (or
// the per-sweep) budget stops it with the reason, and the clean devices
// next to it are audited. Sizes are small so a busy -race run stays
// within the command timeout; the budget arithmetic is the same at 8 MiB.
func TestSweepMemoryBudgets(t *testing.T) {
	const perCommand = 512 << 10
	nearCap := lab.Quirks{Hostile: lab.HostileNearCap, HostileBytes: perCommand - 128<<10}
	tests := []struct {
		name    string
		opts    sweep.Options
		wantMsg string
	}{
		{name: "device budget", opts: sweep.Options{MaxDeviceBytes: 768 << 10}, wantMsg: "device outputs would exceed 786432 bytes"},
		{name: "sweep budget", opts: sweep.Options{MaxDeviceBytes: 64 << 20, MaxSweepBytes: 768 << 10, DropOutputs: true},
			wantMsg: "sweep outputs would exceed 786432 bytes"},
	}
	const clean = 3
	_, devs := hostileLab(t, 1+clean, []lab.Quirks{nearCap})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Workers, opts.Baselines, opts.MaxOutputBytes = len(devs), loadBaselines(t), perCommand
			opts.ConnectTimeout, opts.CommandTimeout, opts.DeviceTimeout = 10*time.Second, 30*time.Second, 90*time.Second
			res := sweep.Run(context.Background(), devs, opts)
			require.Len(t, res, len(devs))
			require.ErrorIs(t, res[0].Err, collect.ErrBudgetExceeded)
			require.ErrorContains(t, res[0].Err, tc.wantMsg)
			require.ErrorContains(t, res[0].Err, "device "+res[0].Device.Name+":")
			for _, r := range res[1:] {
				require.NoError(t, r.Err, r.Device.Name)
				require.NotEmpty(t, r.Facts.Model, r.Device.Name)
				require.Empty(t, r.Findings, r.Device.Name)
			}
		})
	}
}

// TestBudgetReserveRelease: a device budget reserves from the sweep's; a
// refused reservation holds nothing; ReleaseAll gives the sweep its bytes
// back.
func TestBudgetReserveRelease(t *testing.T) {
	sweepB := collect.NewBudget("sweep", 10, nil)
	a := collect.NewBudget("device", 6, sweepB)
	b := collect.NewBudget("device", 6, sweepB)
	require.NoError(t, a.Reserve(6))
	require.ErrorIs(t, a.Reserve(1), collect.ErrBudgetExceeded)
	require.ErrorContains(t, b.Reserve(5), "sweep outputs would exceed 10 bytes")
	require.Zero(t, b.Used())
	require.EqualValues(t, 6, sweepB.Used())
	a.ReleaseAll()
	require.Zero(t, sweepB.Used())
	require.NoError(t, b.Reserve(5))
}
