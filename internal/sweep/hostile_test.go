package sweep_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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
		{name: "slow-past-timeout", quirks: lab.Quirks{Hostile: lab.HostileSlow, HostileDelay: 5 * time.Second}, wantErr: collect.ErrTimeout},
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

	res := sweep.Run(context.Background(), devs, sweep.Options{
		Workers: len(devs), Baselines: loadBaselines(t),
		ConnectTimeout: 5 * time.Second, CommandTimeout: 2 * time.Second, DeviceTimeout: 30 * time.Second,
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
