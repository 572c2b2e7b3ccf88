package sweep_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
	"fwaudit/internal/sweep"
)

// hostileLab starts clean lab devices with the given quirks set on the
// first len(quirks) of them (n devices in all) and returns the lab and the
// inventory it writes.
func hostileLab(tb testing.TB, n int, quirks []lab.Quirks) (*lab.Lab, []inventory.Device) {
	tb.Helper()
	f, err := lab.LoadFleet(fleetFile)
	require.NoError(tb, err)
	f = f.Synthetic(n)
	for i, q := range quirks {
		f.Devices[i].Quirks = q
	}
	l := labtest.StartFleet(tb, f, lab.Options{})
	dir := tb.TempDir()
	require.NoError(tb, l.WriteInventory(dir))
	env := map[string]string{"FWAUDIT_PASSWORD": lab.DefaultPassword, "FWAUDIT_ENABLE": lab.DefaultEnableSecret}
	inv, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{
		KnownPlatforms: platform.Names(),
		Getenv:         func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	})
	require.NoError(tb, err)
	return l, inv.Devices
}

// TestSweepHostileDevices sweeps one device per hostile mode among clean
// ones: the sweep completes, each hostile device ends as its expected
// result, and every clean device is audited normally.
func TestSweepHostileDevices(t *testing.T) {
	tests := []struct {
		name    string
		quirks  lab.Quirks
		wantErr error // nil: audited (facts parsed)
	}{
		{name: "endless-output", quirks: lab.Quirks{Hostile: lab.HostileEndlessOutput}, wantErr: collect.ErrOutputTooLarge},
		{name: "hang-after-auth", quirks: lab.Quirks{Hostile: lab.HostileHangAfterAuth}, wantErr: collect.ErrTimeout},
		{name: "slow-within-timeout", quirks: lab.Quirks{Hostile: lab.HostileSlow, HostileDelay: 200 * time.Millisecond}},
		{name: "slow-past-timeout", quirks: lab.Quirks{Hostile: lab.HostileSlow, HostileDelay: 15 * time.Second}, wantErr: collect.ErrTimeout},
		{name: "ansi-nul", quirks: lab.Quirks{Hostile: lab.HostileANSINUL}},
		{name: "long-lines", quirks: lab.Quirks{Hostile: lab.HostileLongLines}},
		{name: "wrong-prompt", quirks: lab.Quirks{Hostile: lab.HostileWrongPrompt}, wantErr: collect.ErrTimeout},
		{name: "disconnect-mid-command", quirks: lab.Quirks{Hostile: lab.HostileDisconnect}, wantErr: collect.ErrDisconnected},
	}
	const clean = 4
	quirks := make([]lab.Quirks, len(tests))
	for i, tc := range tests {
		quirks[i] = tc.quirks
	}
	l, devs := hostileLab(t, len(tests)+clean+1, quirks)
	// The last device presents a new host key (SSH-001).
	rotated := devs[len(devs)-1]
	l.Device(rotated.Name).RotateHostKey()

	// Generous deadlines and a 2 MiB cap: CI runs this with -race on a busy
	// 2-core machine, where streaming 8 MiB through SSH can take longer than
	// a tight command timeout, and the test is about the outcome, not speed.
	res := sweep.Run(context.Background(), devs, sweep.Options{
		Workers: len(devs), Baselines: loadBaselines(t), MaxOutputBytes: 2 << 20,
		ConnectTimeout: 10 * time.Second, CommandTimeout: 10 * time.Second, DeviceTimeout: 60 * time.Second,
	})
	require.Len(t, res, len(devs))
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := res[i]
			if tc.wantErr == nil {
				require.NoError(t, r.Err)
				require.NotEmpty(t, r.Facts.Model)
				return
			}
			require.ErrorIs(t, r.Err, tc.wantErr)
			require.Contains(t, r.Err.Error(), "device "+r.Device.Name+":")
		})
	}
	for _, r := range res[len(tests) : len(tests)+clean] {
		require.NoError(t, r.Err, r.Device.Name)
		require.NotEmpty(t, r.Facts.Model, r.Device.Name)
		require.Empty(t, r.Findings, r.Device.Name)
	}
	last := res[len(res)-1]
	require.ErrorIs(t, last.Err, hostkey.ErrHostKeyChanged)
	require.Zero(t, l.Device(rotated.Name).AuthAttempts(), "credentials sent to a changed host key")
}

// TestSweepLegacyAlgorithms: a device that offers only legacy SSH
// algorithms fails with a hint unless its inventory entry opts in; with the
// opt-in it is audited and SSH-002 reports it. The opt-in is per device:
// the modern device next to it is not offered legacy algorithms.
func TestSweepLegacyAlgorithms(t *testing.T) {
	_, devs := hostileLab(t, 2, []lab.Quirks{{LegacyAlgorithms: true}})
	opts := sweep.Options{Workers: 2, Baselines: loadBaselines(t), Retries: -1}

	res := sweep.Run(context.Background(), devs, opts)
	require.ErrorIs(t, res[0].Err, collect.ErrLegacyAlgorithms)
	require.ErrorContains(t, res[0].Err, "legacy_algorithms: true")
	require.NoError(t, res[1].Err)

	devs[0].SSH.LegacyAlgorithms = true
	res = sweep.Run(context.Background(), devs, opts)
	require.NoError(t, res[0].Err)
	require.Len(t, res[0].Findings, 1)
	require.Equal(t, audit.SSH002, res[0].Findings[0].Rule)
	require.NoError(t, res[1].Err)
	require.Empty(t, res[1].Findings)
}
