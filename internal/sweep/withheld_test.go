package sweep_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/store"
	"fwaudit/internal/sweep"
)

// sweepAndSave runs one sweep with st as its history and saves every
// result to st, as a sweep with a state file does.
func sweepAndSave(t *testing.T, st *store.Store, devs []inventory.Device, opts sweep.Options) []sweep.Result {
	t.Helper()
	ctx := context.Background()
	run, err := st.BeginRun(ctx, "", time.Now())
	require.NoError(t, err)
	opts.History = st
	res := sweep.Run(ctx, devs, opts)
	for _, r := range res {
		rec := store.Record{Device: r.Device.Name, TakenAt: r.Finished, Started: r.Started, Finished: r.Finished,
			Facts: r.Facts, Findings: r.Findings, Outputs: r.Outputs}
		if r.Err != nil {
			rec.Err = r.Err.Error()
		}
		_, err := st.Save(ctx, run, rec)
		require.NoError(t, err)
	}
	return res
}

// TestSweepWithheldImageHash: a device that hashed its image on the first
// sweep and answers `verify /sha512` with %Error on the second is reported
// (FACT-001) and not assessed, instead of passing as "nothing changed".
func TestSweepWithheldImageHash(t *testing.T) {
	l, devs := hostileLab(t, 1, nil)
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "state.db"), store.Options{ProgramVersion: "test"})
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	opts := sweep.Options{Workers: 1, Baselines: loadBaselines(t), Retries: -1}

	first := sweepAndSave(t, st, devs, opts)
	require.NoError(t, first[0].Err)
	require.NotEmpty(t, first[0].Facts.ImageHashes, "the clean device hashes its image")
	for _, f := range first[0].Findings {
		require.NotEqual(t, audit.FACT001, f.Rule, "first sight: nothing withheld yet")
	}

	require.NoError(t, l.Device(devs[0].Name).Update(func(s *lab.DeviceSpec) { s.Hostile = lab.HostileVerifyError }))
	second := sweepAndSave(t, st, devs, opts)
	require.NoError(t, second[0].Err)
	var withheld []string
	for _, f := range second[0].Findings {
		if f.Rule == audit.FACT001 {
			withheld = append(withheld, f.Observed)
		}
	}
	require.Contains(t, withheld, "running image hash no longer reported")
	require.False(t, audit.Assess(second[0].Findings).Assessed, "a withheld hash is no verdict")
}
