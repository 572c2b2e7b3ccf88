package sweep_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/sweep"
)

// TestRunDropOutputs: OnResult always sees the raw outputs; the returned
// slice keeps them by default and drops them with DropOutputs.
func TestRunDropOutputs(t *testing.T) {
	devs := labDevices(t, 3)
	for _, tc := range []struct {
		name string
		drop bool
	}{{"default-keeps", false}, {"drop-outputs", true}} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			seen := map[string]int{}
			res := sweep.Run(context.Background(), devs, sweep.Options{
				Workers: 2, DropOutputs: tc.drop,
				OnResult: func(r sweep.Result) {
					mu.Lock()
					defer mu.Unlock()
					seen[r.Device.Name] = len(r.Outputs)
				},
			})
			require.Len(t, res, len(devs))
			for _, r := range res {
				require.NoError(t, r.Err)
				require.NotZero(t, seen[r.Device.Name], "OnResult saw no outputs for %s", r.Device.Name)
				require.NotEmpty(t, r.Facts.Model)
				if tc.drop {
					require.Nil(t, r.Outputs)
				} else {
					require.Len(t, r.Outputs, seen[r.Device.Name])
				}
			}
		})
	}
}
