package store_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/store"
)

// TestVerifyCoversMetadataColumns (issue 17): editing a snapshot's or a
// run's metadata columns — which store verify did not cover before
// schema 3 — is now reported. Each edit fails on a consistent store that
// passes untouched (the quiet case is the first Verify).
func TestVerifyCoversMetadataColumns(t *testing.T) {
	tests := []struct {
		name, sql, want string
	}{
		{"snapshot-started-at", `UPDATE snapshots SET started_at = '2020-01-01T00:00:00Z' WHERE id = 1`, "content digest"},
		{"snapshot-finished-at", `UPDATE snapshots SET finished_at = '2020-01-01T00:00:00Z' WHERE id = 2`, "content digest"},
		{"snapshot-program-version", `UPDATE snapshots SET program_version = 'v9' WHERE id = 1`, "content digest"},
		{"snapshot-schema", `UPDATE snapshots SET schema = 1 WHERE id = 1`, "content digest"},
		{"snapshot-run-id", `UPDATE snapshots SET run_id = 2 WHERE id = 1`, "content digest"},
		{"snapshot-downgraded-to-v1", `UPDATE snapshots SET digest_version = 1 WHERE id = 1`, "content digest"},
		{"run-label", `UPDATE runs SET label = 'CHG-9' WHERE id = 1`, "run 1"},
		{"run-started-at", `UPDATE runs SET started_at = '2020-01-01T00:00:00Z' WHERE id = 1`, "run 1"},
		{"run-finished-at", `UPDATE runs SET finished_at = '2020-01-01T00:00:00Z' WHERE id = 1`, "run 1"},
		{"run-status", `UPDATE runs SET status = 'interrupted' WHERE id = 1`, "run 1"},
		{"run-program-version", `UPDATE runs SET program_version = 'v9' WHERE id = 1`, "run 1"},
		{"run-digest-cleared", `UPDATE runs SET digest = '' WHERE id = 1`, "run 1 has no digest"},
		{"run-status-back-to-running", `UPDATE runs SET status = 'running' WHERE id = 1`, "run 1 says running"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, b backend, loc string) {
				ctx := context.Background()
				s := openAt(t, loc)
				t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
				for i := range 2 {
					run, err := s.BeginRun(ctx, "", t0.Add(time.Duration(i)*time.Hour))
					require.NoError(t, err)
					_, err = s.Save(ctx, run, record("r1", "17.9.1r", t0.Add(time.Duration(i)*time.Hour)))
					require.NoError(t, err)
					require.NoError(t, s.FinishRun(ctx, run.ID, t0.Add(time.Duration(i)*time.Hour+time.Minute), false))
				}
				probs, err := s.Verify(ctx)
				require.NoError(t, err)
				require.Empty(t, probs)

				b.exec(t, loc, tc.sql)
				probs, err = s.Verify(ctx)
				require.NoError(t, err)
				require.NotEmpty(t, probs)
				require.Contains(t, probs[0].What, tc.want)
			})
		})
	}
}

// TestOldStoreStillVerifies opens a store written by the previous release
// (schema 2: digest version 1, gzip-compressed outputs; testdata/schema2.db
// was made by that code), migrates it, and checks that its chains verify,
// its outputs read, and a new snapshot (digest version 2, zstd) chains on.
func TestOldStoreStillVerifies(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	copyFile(t, "testdata/schema2.db", path)
	s := openAt(t, path)
	probs, err := s.Verify(ctx)
	require.NoError(t, err)
	require.Empty(t, probs)
	hist, err := s.History(ctx, "lon-wan-02", 0)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	require.Equal(t, 1, hist[0].DigestVersion)
	outs, err := s.Outputs(ctx, hist[1].ID)
	require.NoError(t, err)
	require.Equal(t, "17.9.1r\n", outs["show rom-monitor r0"])

	run, err := s.BeginRun(ctx, "", time.Now())
	require.NoError(t, err)
	sn, err := s.Save(ctx, run, record("lon-wan-02", "17.9.1r", time.Now()))
	require.NoError(t, err)
	require.Equal(t, hist[1].ID, sn.Parent)
	require.Equal(t, store.DigestVersion, sn.DigestVersion)
	require.NoError(t, s.FinishRun(ctx, run.ID, time.Now(), false))
	probs, err = s.Verify(ctx)
	require.NoError(t, err)
	require.Empty(t, probs)

	// An old row's content is still covered: editing it is seen.
	sqliteBackend.exec(t, path, `UPDATE snapshots SET facts = replace(facts, '17.6.1r', '17.9.1r') WHERE id = 4`)
	probs, err = s.Verify(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, probs)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.Create(to)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())
}
