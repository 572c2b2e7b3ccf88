package store_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/store"
)

var pruneT0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// fillDays saves one snapshot of r1 and r2 per day for days days.
func fillDays(t *testing.T, s *store.Store, days int) {
	t.Helper()
	ctx := context.Background()
	for i := range days {
		at := pruneT0.Add(time.Duration(i) * 24 * time.Hour)
		run, err := s.BeginRun(ctx, "", at)
		require.NoError(t, err)
		_, err = s.SaveBatch(ctx, run, []store.Record{record("r1", "17.9.1r", at), record("r2", "17.9.1r", at)})
		require.NoError(t, err)
		require.NoError(t, s.FinishRun(ctx, run.ID, at.Add(time.Minute), false))
	}
}

func requireVerifies(t *testing.T, s *store.Store) {
	t.Helper()
	probs, err := s.Verify(context.Background())
	require.NoError(t, err)
	require.Empty(t, probs)
}

func TestPruneKeepsTheChainVerifiable(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend, loc string) {
		ctx := context.Background()
		s := openAt(t, loc)
		fillDays(t, s, 6)
		stmt, err := s.Heads(ctx) // kept elsewhere before the prune
		require.NoError(t, err)

		res, err := s.Prune(ctx, store.PruneOptions{KeepLast: 2})
		require.NoError(t, err)
		require.Equal(t, store.PruneResult{Devices: 2, Snapshots: 8}, res)
		hist, err := s.History(ctx, "r1", 0)
		require.NoError(t, err)
		require.Len(t, hist, 2)
		requireVerifies(t, s)
		probs, err := s.CheckHeads(ctx, stmt)
		require.NoError(t, err)
		require.Empty(t, probs)

		// The next snapshot chains on, and a second prune stacks on the first.
		fillDays(t, s, 1)
		requireVerifies(t, s)
		res, err = s.Prune(ctx, store.PruneOptions{KeepFor: 24 * time.Hour, Now: pruneT0.Add(5*24*time.Hour + time.Hour)})
		require.NoError(t, err)
		require.Equal(t, int64(2), res.Snapshots, "day 5 is within 24h; day 4 goes; the newest (day 0 again) stays")
		requireVerifies(t, s)
		cps, err := s.Checkpoints(ctx)
		require.NoError(t, err)
		require.Len(t, cps, 2)
		require.Equal(t, int64(5), cps[0].Pruned)

		// Deleting a further row (the oldest kept) is still detected.
		hist, err = s.History(ctx, "r1", 0)
		require.NoError(t, err)
		require.Len(t, hist, 2)
		b.exec(t, loc, pgReplica(b)+`DELETE FROM outputs WHERE snapshot_id = `+itoa(hist[0].ID)+`; DELETE FROM snapshots WHERE id = `+itoa(hist[0].ID))
		probs, err = s.Verify(ctx)
		require.NoError(t, err)
		require.NotEmpty(t, probs)
	})
}

func TestPruneDetectsAHistoryDeletedAfterIt(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend, loc string) {
		ctx := context.Background()
		s := openAt(t, loc)
		fillDays(t, s, 3)
		_, err := s.Prune(ctx, store.PruneOptions{KeepLast: 1})
		require.NoError(t, err)
		requireVerifies(t, s)
		b.exec(t, loc, pgReplica(b)+`DELETE FROM outputs WHERE snapshot_id IN (SELECT id FROM snapshots WHERE device = 'r2'); DELETE FROM snapshots WHERE device = 'r2'`)
		probs, err := s.Verify(ctx)
		require.NoError(t, err)
		require.Len(t, probs, 1)
		require.Contains(t, probs[0].What, "prune checkpoint but no snapshot")
	})
}

func TestPruneKeepsAcceptancesInForce(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	fillDays(t, s, 2)
	_, err := s.Accept(ctx, "r1", audit.ROM001, audit.Acceptance{By: "alice", At: pruneT0.Add(36 * time.Hour), Reason: "known"})
	require.NoError(t, err)
	fillDays(t, s, 2) // two more per device, after the acceptance
	res, err := s.Prune(ctx, store.PruneOptions{KeepLast: 1})
	require.NoError(t, err)
	require.Equal(t, int64(1+3), res.Snapshots, "r1 keeps the snapshot its acceptance follows and those after it")
	accs, err := s.Acceptances(ctx, "r1")
	require.NoError(t, err)
	require.Len(t, accs, 1)
	requireVerifies(t, s)
}

func TestPruneRefusesATamperedStore(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	fillDays(t, s, 3)
	sqliteBackend.exec(t, path, `UPDATE snapshots SET facts = replace(facts, '17.9.1r', '17.6.1r') WHERE id = 1`)
	_, err := s.Prune(ctx, store.PruneOptions{KeepLast: 1})
	require.ErrorIs(t, err, store.ErrPruneRefused)
	require.ErrorIs(t, err, store.ErrTampered)
}

func pgReplica(b backend) string {
	if b.name == "postgres" {
		return `SET session_replication_role = replica; `
	}
	return ""
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestSaveBatchOfManyDevices: one batch of devices each saved once (on
// PostgreSQL, column arrays unnested by one statement) gives every
// snapshot its own id, parent (NULL for a first), facts and outputs, a
// device without outputs included, and the chain verifies.
func TestSaveBatchOfManyDevices(t *testing.T) {
	forEachBackend(t, func(t *testing.T, _ backend, loc string) {
		ctx := context.Background()
		s, run := openWithRun(t, loc, pruneT0)
		heads, err := s.SaveBatch(ctx, run, []store.Record{record("r01", "17.9.1r", pruneT0), record("r03", "17.9.1r", pruneT0)})
		require.NoError(t, err)
		var recs []store.Record
		for i := range 40 {
			r := record(fmt.Sprintf("r%02d", i), fmt.Sprintf("17.%d.1r", i), pruneT0.Add(time.Hour))
			r.Outputs["show logging"] = strings.Repeat(fmt.Sprintf("line of r%02d\n", i), i)
			if i == 7 {
				r.Outputs = nil
			}
			recs = append(recs, r)
		}
		snaps, err := s.SaveBatch(ctx, run, recs)
		require.NoError(t, err)
		require.Len(t, snaps, len(recs))
		ids := map[int64]bool{}
		for i, sn := range snaps {
			require.Equal(t, recs[i].Device, sn.Device)
			ids[sn.ID] = true
			want := int64(0)
			switch sn.Device {
			case "r01":
				want = heads[0].ID
			case "r03":
				want = heads[1].ID
			}
			require.Equal(t, want, sn.Parent, sn.Device)
			got, err := s.Get(ctx, sn.ID)
			require.NoError(t, err)
			require.Equal(t, sn.Device, got.Device)
			require.Equal(t, want, got.Parent, sn.Device)
			require.Equal(t, recs[i].Facts.ROMMON, got.Facts.ROMMON, sn.Device)
			outs, err := s.Outputs(ctx, sn.ID)
			require.NoError(t, err)
			if len(recs[i].Outputs) == 0 {
				require.Empty(t, outs, sn.Device)
			} else {
				require.Equal(t, recs[i].Outputs, outs, sn.Device)
			}
		}
		require.Len(t, ids, len(recs), "ids are distinct")
		requireVerifies(t, s)
	})
}

// TestSaveBatchChainsWithinTheBatch: a device twice in one batch gets its
// second snapshot chained to the first; a batch of many devices at once
// (saveAll) chains each to its own head.
func TestSaveBatchChainsWithinTheBatch(t *testing.T) {
	forEachBackend(t, func(t *testing.T, _ backend, loc string) {
		ctx := context.Background()
		s, run := openWithRun(t, loc, pruneT0)
		first, err := s.SaveBatch(ctx, run, []store.Record{record("r1", "17.9.1r", pruneT0), record("r2", "17.9.1r", pruneT0)})
		require.NoError(t, err)
		snaps, err := s.SaveBatch(ctx, run, []store.Record{record("r1", "17.9.1r", pruneT0.Add(time.Hour)),
			record("r2", "17.6.1r", pruneT0.Add(time.Hour)), record("r1", "17.6.1r", pruneT0.Add(2*time.Hour))})
		require.NoError(t, err)
		require.Equal(t, first[0].ID, snaps[0].Parent)
		require.Equal(t, first[1].ID, snaps[1].Parent)
		require.Equal(t, snaps[0].ID, snaps[2].Parent)
		requireVerifies(t, s)
		require.NoError(t, s.FinishRun(ctx, run.ID, pruneT0.Add(3*time.Hour), false))
		requireVerifies(t, s)
	})
}
