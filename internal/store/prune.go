package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// PruneOptions say which snapshots store prune keeps: those taken within
// KeepFor of Now, or each device's newest KeepLast (set one of the two).
// A device's newest snapshot is always kept, and so is every snapshot
// from the first that carries an acceptance still in force.
type PruneOptions struct {
	KeepFor  time.Duration
	KeepLast int
	Now      time.Time
}

// PruneResult counts what Prune removed.
type PruneResult struct {
	Devices   int   `json:"devices"`   // devices whose history was shortened
	Snapshots int64 `json:"snapshots"` // snapshots removed (their outputs and acceptances with them)
}

// Checkpoint summarizes a device's pruned prefix by its last link: the
// newest pruned snapshot and the chain value after it. The first kept
// snapshot chains to Chain, so the chain stays verifiable.
type Checkpoint struct {
	Device     string
	SnapshotID int64
	Chain      string
	Pruned     int64
	PrunedAt   time.Time
}

// ErrPruneRefused: store prune will not summarize a chain that does not
// verify (it would launder the tampering into a checkpoint).
var ErrPruneRefused = errors.New("store prune refused")

// Prune removes the snapshots opts does not keep, in one transaction, and
// leaves one checkpoint per shortened device. It verifies the store first
// and refuses (ErrPruneRefused) when store verify finds a problem.
func (s *Store) Prune(ctx context.Context, opts PruneOptions) (PruneResult, error) {
	if (opts.KeepFor > 0) == (opts.KeepLast > 0) {
		return PruneResult{}, errors.New("prune: give exactly one of a keep duration or a keep count")
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	probs, err := s.Verify(ctx)
	if err != nil {
		return PruneResult{}, fmt.Errorf("prune: %w", err)
	}
	if len(probs) > 0 {
		return PruneResult{}, fmt.Errorf("%w: %w: store verify finds %d problems (the first: snapshot %d of %s: %s)",
			ErrPruneRefused, ErrTampered, len(probs), probs[0].SnapshotID, probs[0].Device, probs[0].What)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return PruneResult{}, fmt.Errorf("prune: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	devices, err := s.devices(ctx, tx)
	if err != nil {
		return PruneResult{}, fmt.Errorf("prune: %w", err)
	}
	var res PruneResult
	for _, d := range devices {
		if err := s.lockDevice(ctx, tx, d); err != nil {
			return PruneResult{}, fmt.Errorf("prune %s: %w", d, err)
		}
		n, err := s.pruneDevice(ctx, tx, d, opts)
		if err != nil {
			return PruneResult{}, fmt.Errorf("prune %s: %w", d, err)
		}
		if n > 0 {
			res.Devices++
			res.Snapshots += n
		}
	}
	if err := tx.Commit(); err != nil {
		return PruneResult{}, fmt.Errorf("prune: commit: %w", err)
	}
	return res, nil
}

func (s *Store) devices(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT device FROM snapshots ORDER BY device`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

type pruneLink struct {
	id      int64
	takenAt time.Time
	chain   string
}

// pruneDevice removes device's prefix and returns how many snapshots went.
func (s *Store) pruneDevice(ctx context.Context, tx *sql.Tx, device string, opts PruneOptions) (int64, error) {
	rows, err := tx.QueryContext(ctx, s.d.q(`SELECT id, taken_at, chain FROM snapshots WHERE device = ? ORDER BY id`), device)
	if err != nil {
		return 0, err
	}
	var links []pruneLink
	for rows.Next() {
		var l pruneLink
		var taken string
		if err := rows.Scan(&l.id, &taken, &l.chain); err != nil {
			rows.Close()
			return 0, err
		}
		l.takenAt = parseTime(taken)
		links = append(links, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	cut := len(links) - 1 // the newest stays
	if opts.KeepLast > 0 {
		cut = min(cut, len(links)-opts.KeepLast)
	} else {
		horizon := opts.Now.Add(-opts.KeepFor)
		for i, l := range links[:max(cut, 0)] {
			if !l.takenAt.Before(horizon) {
				cut = i
				break
			}
		}
	}
	accs, err := s.acceptances(ctx, tx, device)
	if err != nil {
		return 0, err
	}
	lastChain := map[int64]string{} // snapshot → chain after its newest acceptance
	for _, a := range accs {
		lastChain[a.SnapshotID] = a.Chain
		if a.Until.IsZero() || a.Until.After(opts.Now) { // still in force: keep its snapshot
			for i := range max(cut, 0) {
				if links[i].id == a.SnapshotID {
					cut = i
					break
				}
			}
		}
	}
	if cut <= 0 {
		return 0, nil
	}
	last := links[cut-1]
	cpChain := last.chain
	if c, ok := lastChain[last.id]; ok {
		cpChain = c
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`UPDATE snapshots SET parent = NULL WHERE id = ?`, []any{links[cut].id}},
		{`DELETE FROM outputs WHERE snapshot_id IN (SELECT id FROM snapshots WHERE device = ? AND id <= ?)`, []any{device, last.id}},
		{`DELETE FROM acceptances WHERE device = ? AND snapshot_id <= ?`, []any{device, last.id}},
		{`DELETE FROM snapshots WHERE device = ? AND id <= ?`, []any{device, last.id}},
		{`INSERT INTO checkpoints (device, snapshot_id, chain, pruned, pruned_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (device) DO UPDATE SET snapshot_id = excluded.snapshot_id, chain = excluded.chain,
			pruned = checkpoints.pruned + excluded.pruned, pruned_at = excluded.pruned_at`,
			[]any{device, last.id, cpChain, cut, fmtTime(opts.Now)}},
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, s.d.q(st.q), st.args...); err != nil {
			return 0, err
		}
	}
	return int64(cut), nil
}

// checkpointChain is the chain value a device's first snapshot after a
// prune links to; "" when the device was never pruned.
func (s *Store) checkpointChain(ctx context.Context, q querier, device string) (string, error) {
	var c string
	err := q.QueryRowContext(ctx, s.d.q(`SELECT chain FROM checkpoints WHERE device = ?`), device).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read checkpoint: %w", err)
	}
	return c, nil
}

// Checkpoints lists every device's checkpoint, by device.
func (s *Store) Checkpoints(ctx context.Context) ([]Checkpoint, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT device, snapshot_id, chain, pruned, pruned_at FROM checkpoints ORDER BY device`)
	if err != nil {
		return nil, fmt.Errorf("read checkpoints: %w", err)
	}
	defer rows.Close()
	var out []Checkpoint
	for rows.Next() {
		var c Checkpoint
		var at string
		if err := rows.Scan(&c.Device, &c.SnapshotID, &c.Chain, &c.Pruned, &at); err != nil {
			return nil, fmt.Errorf("read checkpoints: %w", err)
		}
		c.PrunedAt = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}
