package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/store"
)

// seize writes a store with two snapshots of r1 and copies files of it
// into dir, as an investigator seizes it: after the writer closed, or while
// it is still open (the snapshots are then in the -wal log only).
func seize(t *testing.T, dir string, whileOpen bool, files ...string) string {
	t.Helper()
	ctx := context.Background()
	live := filepath.Join(t.TempDir(), "state.db")
	s, err := store.Open(ctx, live, store.Options{ProgramVersion: "test"})
	require.NoError(t, err)
	defer s.Close()
	t0 := time.Date(2026, 11, 20, 2, 15, 0, 0, time.UTC)
	run, err := s.BeginRun(ctx, "", t0)
	require.NoError(t, err)
	_, err = s.Save(ctx, run, record("r1", "17.9.1r", t0))
	require.NoError(t, err)
	_, err = s.Save(ctx, run, record("r1", "17.6.1r", t0.Add(time.Hour)))
	require.NoError(t, err)
	require.NoError(t, s.FinishRun(ctx, run.ID, t0.Add(2*time.Hour), false))
	if !whileOpen {
		require.NoError(t, s.Close())
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(filepath.Dir(live), f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	return filepath.Join(dir, "state.db")
}

// dirState is every file in dir with the sha256 of its bytes.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[filepath.Base(p)] = hex.EncodeToString(sum[:])
		return nil
	}))
	return out
}

// freeze makes path and its directory read-only, as a seized copy is, and
// restores them at cleanup so the temporary directory can be removed.
func freeze(t *testing.T, path string) {
	t.Helper()
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		require.NoError(t, os.Chmod(filepath.Join(dir, e.Name()), 0o444))
	}
	require.NoError(t, os.Chmod(dir, 0o555))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
}

func names(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestReadOnlySeizedCopy: history, diff, evidence and store verify read a
// store whose files are 0444 in a 0555 directory, and leave it exactly as
// they found it: no -wal, -shm or lock file appears, not one byte changes.
// (Root ignores the modes, so the bytes and the listing are what prove it;
// as another user the open failed with "attempt to write a readonly
// database".) A copy whose log holds snapshots is read with the log, or
// refused when the log's index is missing — never shown without them.
func TestReadOnlySeizedCopy(t *testing.T) {
	tests := []struct {
		name      string
		whileOpen bool
		files     []string
		wantErr   string
	}{
		{name: "closed-store", files: []string{"state.db"}},
		{name: "open-store-with-log", whileOpen: true, files: []string{"state.db", "state.db-shm", "state.db-wal"}},
		{name: "log-without-index", whileOpen: true, files: []string{"state.db", "state.db-wal"},
			wantErr: "without " + "DIR/state.db-shm a read-only copy cannot read them"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			path := seize(t, dir, tc.whileOpen, tc.files...)
			freeze(t, path)
			before := dirState(t, dir)
			require.Equal(t, tc.files, names(before))
			if tc.whileOpen {
				st, err := os.Stat(path + "-wal")
				require.NoError(t, err)
				require.Positive(t, st.Size(), "the snapshots are in the log")
			}

			s, err := store.Open(ctx, path, store.Options{ReadOnly: true})
			if tc.wantErr != "" {
				require.ErrorContains(t, err, strings.ReplaceAll(tc.wantErr, "DIR", dir))
				require.Equal(t, before, dirState(t, dir))
				return
			}
			require.NoError(t, err)
			hist, err := s.History(ctx, "r1", 10)
			require.NoError(t, err)
			require.Len(t, hist, 2)
			require.Equal(t, "17.6.1r", hist[1].Facts.ROMMON[0].Version, "the newest, from the log when there is one")
			probs, err := s.Verify(ctx)
			require.NoError(t, err)
			require.Empty(t, probs)
			runs, err := s.Runs(ctx)
			require.NoError(t, err)
			require.Len(t, runs, 1)
			_, err = s.BeginRun(ctx, "", time.Now())
			require.Error(t, err, "a read-only store refuses writes")
			require.Equal(t, before, dirState(t, dir), "files while open")
			require.NoError(t, s.Close())
			require.Equal(t, before, dirState(t, dir), "files after close")
		})
	}
}
