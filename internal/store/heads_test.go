package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/store"
)

// TestCheckHeadsDetectsWhatVerifyCannot: deleting a device's newest
// snapshot, or its whole history, leaves every remaining chain link
// consistent, so store verify passes; a heads statement kept elsewhere
// catches both and names the device.
func TestCheckHeadsDetectsWhatVerifyCannot(t *testing.T) {
	tests := []struct {
		name, sql, pg string // SQLite, PostgreSQL (superuser intruder: foreign keys off)
		device, want  string
	}{
		{"newest-snapshot-deleted", `DELETE FROM outputs WHERE snapshot_id = 4; DELETE FROM snapshots WHERE id = 4`,
			`SET session_replication_role = replica; DELETE FROM outputs WHERE snapshot_id = 4; DELETE FROM snapshots WHERE id = 4`,
			"r1", "newer snapshots were removed"},
		{"device-history-deleted", `DELETE FROM outputs WHERE snapshot_id IN (SELECT id FROM snapshots WHERE device = 'r2'); DELETE FROM snapshots WHERE device = 'r2'`,
			`SET session_replication_role = replica; DELETE FROM outputs WHERE snapshot_id IN (SELECT id FROM snapshots WHERE device = 'r2'); DELETE FROM snapshots WHERE device = 'r2'`,
			"r2", "whole history were deleted"},
		{"newest-chain-rewritten", `UPDATE snapshots SET chain = 'f00d' WHERE id = 4`, "",
			"r1", "history was rewritten"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, b backend, loc string) {
				ctx := context.Background()
				s, run := openWithRun(t, loc, time.Now())
				t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
				for i, dev := range []string{"r1", "r2", "r1", "r1"} {
					_, err := s.Save(ctx, run, record(dev, "17.9.1r", t0.Add(time.Duration(i)*time.Hour)))
					require.NoError(t, err)
				}
				heads, err := s.Heads(ctx)
				require.NoError(t, err)
				require.Len(t, heads.Heads, 2)
				require.Equal(t, int64(4), heads.Heads[0].SnapshotID)
				var buf bytes.Buffer
				require.NoError(t, store.WriteStatement(&buf, heads))
				kept, err := store.ReadStatement(&buf)
				require.NoError(t, err)
				probs, err := s.CheckHeads(ctx, kept)
				require.NoError(t, err)
				require.Empty(t, probs, "an untouched store matches its statement")

				stmt := tc.sql
				if b.name == "postgres" && tc.pg != "" {
					stmt = tc.pg
				}
				b.exec(t, loc, stmt)

				if tc.name != "newest-chain-rewritten" {
					probs, err = s.Verify(ctx)
					require.NoError(t, err)
					require.Empty(t, probs, "the attack: store verify alone sees nothing")
				}
				probs, err = s.CheckHeads(ctx, kept)
				require.NoError(t, err)
				require.Len(t, probs, 1)
				require.Equal(t, tc.device, probs[0].Device)
				require.Contains(t, probs[0].What, tc.want)
			})
		})
	}
}

// TestReadStatementRefusesEdits: a statement whose heads were edited
// (to match a tampered store) no longer matches its digest.
func TestReadStatementRefusesEdits(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, t.TempDir()+"/state.db")
	run, err := s.BeginRun(ctx, "", time.Now())
	require.NoError(t, err)
	_, err = s.Save(ctx, run, record("r1", "17.9.1r", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	require.NoError(t, err)
	heads, err := s.Heads(ctx)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, store.WriteStatement(&buf, heads))
	_, err = store.ReadStatement(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	edited := bytes.Replace(buf.Bytes(), []byte(heads.Heads[0].Chain), []byte(strings.Repeat("0", 64)), 1)
	_, err = store.ReadStatement(bytes.NewReader(edited))
	require.ErrorContains(t, err, "digest does not match")
}
