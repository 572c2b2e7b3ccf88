package sweep_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/inventory"
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

// TestSweepMemoryBudget_CoversTheExecChannels: the signed boot
// measurements run over exec channels, outside the CLI session; they
// charge the same device budget. The budget is set to what the CLI
// session needs plus half an answer: the sweep without measurements
// passes, and with them the first exec answer is refused.
func TestSweepMemoryBudget_CoversTheExecChannels(t *testing.T) {
	const answer = 128 << 10
	_, devs := hostileLab(t, 1, []lab.Quirks{{Hostile: lab.HostileNearCap, HostileBytes: answer}})
	opts := sweep.Options{Workers: 1, MaxOutputBytes: 1 << 20, Retries: -1,
		ConnectTimeout: 10 * time.Second, CommandTimeout: 30 * time.Second, DeviceTimeout: 90 * time.Second,
		Offbox: sweep.OffboxOptions{Enabled: true, Hasher: newHasher(t, "sftp")}}

	free := sweep.Run(context.Background(), devs, opts)
	require.NoError(t, free[0].Err)
	cli := 0
	for cmd := range free[0].Outputs {
		if cmd != collect.SNMPOutputName {
			cli++
		}
	}
	opts.MaxDeviceBytes = int64(cli*answer + answer/2)

	res := sweep.Run(context.Background(), devs, opts)
	require.NoError(t, res[0].Err, "the CLI session and the SNMP walk fit the budget")

	opts.Offbox.Integrity = true
	res = sweep.Run(context.Background(), devs, opts)
	require.ErrorIs(t, res[0].Err, collect.ErrBudgetExceeded)
	require.ErrorContains(t, res[0].Err, "boot-integrity measurements could not be collected")
}

// TestSweepMemoryBudget_CoversTheSNMPWalk: the SNMP walk kept as evidence
// is charged too: a budget the CLI session fits but a padded (still under
// the varbind cap) entPhysicalTable does not stops the device with the
// reason.
func TestSweepMemoryBudget_CoversTheSNMPWalk(t *testing.T) {
	_, devs := hostileLab(t, 1, []lab.Quirks{{Hostile: lab.HostileEntityFlood, HostileRows: 700}})
	opts := sweep.Options{Workers: 1, Retries: -1}
	free := sweep.Run(context.Background(), devs, opts)
	require.NoError(t, free[0].Err)
	walk := len(free[0].Outputs[collect.SNMPOutputName])
	require.NotZero(t, walk, "the lab device answers SNMP")

	onlyCLI := devs[0]
	onlyCLI.Collect = []string{inventory.ChannelSSH}
	probe := sweep.Run(context.Background(), []inventory.Device{onlyCLI}, opts)
	require.NoError(t, probe[0].Err)
	cli := 0
	for _, out := range probe[0].Outputs {
		cli += len(out)
	}
	// The CLI session reads its outputs plus echoes and prompts: give it
	// four times what it kept, and less than the walk on top.
	opts.MaxDeviceBytes = int64(4*cli + walk/2)
	require.NoError(t, sweep.Run(context.Background(), []inventory.Device{onlyCLI}, opts)[0].Err)
	res := sweep.Run(context.Background(), devs, opts)
	require.ErrorIs(t, res[0].Err, collect.ErrBudgetExceeded)
	require.ErrorContains(t, res[0].Err, "snmp: keep the walk as evidence")
}
