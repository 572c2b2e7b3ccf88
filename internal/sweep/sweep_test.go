package sweep_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
	"fwaudit/internal/sweep"
)

// TestRunLabFleet sweeps the shipped fleet: every device is audited, results
// come back in inventory order, and OnResult is called once per device.
func TestRunLabFleet(t *testing.T) {
	devs := labDevices(t, 0)
	var calls atomic.Int32
	res := sweep.Run(context.Background(), devs, sweep.Options{
		Workers: 4, Baselines: loadBaselines(t),
		OnResult: func(sweep.Result) { calls.Add(1) },
	})
	require.Len(t, res, len(devs))
	require.Equal(t, int32(len(devs)), calls.Load())
	for i, r := range res {
		require.Equal(t, devs[i].Name, r.Device.Name)
		require.NoError(t, r.Err, r.Device.Name)
		require.NotEmpty(t, r.Facts.Model, r.Device.Name)
		require.False(t, r.Finished.Before(r.Started))
	}
}

// TestRunDeviceFailureIsData: an unreachable device is an error result; the
// others are still audited, and the device name is in the error once.
func TestRunDeviceFailureIsData(t *testing.T) {
	devs := labDevices(t, 2)
	dead := devs[0]
	dead.Name, dead.Port = "dead-rtr-01", 1 // nothing listens on port 1
	devs = append([]inventory.Device{dead}, devs...)
	res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 2, Baselines: loadBaselines(t), ConnectTimeout: 2 * time.Second})
	require.Error(t, res[0].Err)
	require.Contains(t, res[0].Err.Error(), "device dead-rtr-01:")
	for _, r := range res[1:] {
		require.NoError(t, r.Err)
	}
}

// TestRunCancelled: a cancelled sweep returns promptly with every device
// accounted for.
func TestRunCancelled(t *testing.T) {
	devs := labDevices(t, 5)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := sweep.Run(ctx, devs, sweep.Options{Workers: 2})
	require.Len(t, res, len(devs))
	for _, r := range res {
		require.ErrorIs(t, r.Err, context.Canceled)
	}
}
