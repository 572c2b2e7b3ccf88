package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/store"
)

func TestParseKeep(t *testing.T) {
	tests := []struct {
		in   string
		want store.PruneOptions
		bad  bool
	}{
		{in: "90d", want: store.PruneOptions{KeepFor: 90 * 24 * time.Hour}},
		{in: "36h", want: store.PruneOptions{KeepFor: 36 * time.Hour}},
		{in: "30", want: store.PruneOptions{KeepLast: 30}},
		{in: "0", bad: true},
		{in: "-3d", bad: true},
		{in: "soon", bad: true},
		{in: "-1h", bad: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseKeep(tc.in)
			if tc.bad {
				require.Equal(t, exitUsage, exitCode(err))
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestStorePrune(t *testing.T) {
	ctx := context.Background()
	state := filepath.Join(t.TempDir(), "state.db")
	st, err := store.Open(ctx, state, store.Options{})
	require.NoError(t, err)
	for i := range 3 {
		run, err := st.BeginRun(ctx, "", time.Now())
		require.NoError(t, err)
		_, err = st.Save(ctx, run, store.Record{Device: "r1", TakenAt: time.Now().Add(time.Duration(i) * time.Second)})
		require.NoError(t, err)
		require.NoError(t, st.FinishRun(ctx, run.ID, time.Now(), false))
	}
	require.NoError(t, st.Close())

	var out bytes.Buffer
	require.Equal(t, exitUsage, exitCode(runStorePrune(ctx, storePruneOptions{State: state}, &out)), "--keep is required")
	require.NoError(t, runStorePrune(ctx, storePruneOptions{State: state, Keep: "1"}, &out))
	require.Contains(t, out.String(), "pruned 2 snapshots of 1 devices")
	out.Reset()
	require.NoError(t, runStoreVerify(ctx, storeVerifyOptions{State: state, Output: "table"}, &out))
	require.Contains(t, out.String(), "verified")
}
