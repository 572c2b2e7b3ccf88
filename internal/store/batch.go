package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// batchDevice is what a batch needs of one device's history before it
// chains a new snapshot: its newest snapshot (id, chain, findings,
// status), its acceptances (id order) and its prune checkpoint.
type batchDevice struct {
	headID       int64
	headChain    string
	headFindings []byte
	headStatus   string
	accs         []Acceptance
	checkpoint   string
}

// prefetchChunk bounds the devices of one look-up statement (SQLite's
// variable limit, and a sane IN list).
const prefetchChunk = 500

// prefetch reads, for every device of the batch, what save needs, in
// three statements per chunk of devices instead of four per snapshot:
// to a PostgreSQL server each statement is a round trip, and under load
// the round trips were most of a save.
func (w *batchWriter) prefetch(ctx context.Context, devices []string) error {
	w.devices = make(map[string]*batchDevice, len(devices))
	for _, d := range devices {
		w.devices[d] = &batchDevice{}
	}
	for start := 0; start < len(devices); start += prefetchChunk {
		chunk := devices[start:min(start+prefetchChunk, len(devices))]
		if err := w.prefetchChunk(ctx, chunk); err != nil {
			return err
		}
	}
	return nil
}

func (w *batchWriter) prefetchChunk(ctx context.Context, devices []string) error {
	s, q := w.s, w.tx
	in := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(devices)), ", ") + ")"
	args := make([]any, len(devices))
	for i, d := range devices {
		args[i] = d
	}
	rows, err := q.QueryContext(ctx, s.d.q(`SELECT device, id, chain, findings, status FROM snapshots
		WHERE id IN (SELECT MAX(id) FROM snapshots WHERE device IN `+in+` GROUP BY device)`), args...)
	if err != nil {
		return fmt.Errorf("read chain heads: %w", err)
	}
	for rows.Next() {
		var dev string
		var b batchDevice
		if err := rows.Scan(&dev, &b.headID, &b.headChain, &b.headFindings, &b.headStatus); err != nil {
			rows.Close()
			return fmt.Errorf("read chain heads: %w", err)
		}
		if d := w.devices[dev]; d != nil {
			d.headID, d.headChain, d.headFindings, d.headStatus = b.headID, b.headChain, b.headFindings, b.headStatus
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read chain heads: %w", err)
	}
	accs, err := s.acceptancesWhere(ctx, q, `WHERE device IN `+in, args...)
	if err != nil {
		return err
	}
	for _, a := range accs {
		if d := w.devices[a.Device]; d != nil {
			d.accs = append(d.accs, a)
		}
	}
	rows, err = q.QueryContext(ctx, s.d.q(`SELECT device, chain FROM checkpoints WHERE device IN `+in), args...)
	if err != nil {
		return fmt.Errorf("read checkpoints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var dev, c string
		if err := rows.Scan(&dev, &c); err != nil {
			return fmt.Errorf("read checkpoints: %w", err)
		}
		if d := w.devices[dev]; d != nil {
			d.checkpoint = c
		}
	}
	return rows.Err()
}

// Rows per multi-row INSERT: 17 snapshot columns or 4 output columns a
// row stay well under SQLite's 32,766 variables and PostgreSQL's 65,535.
const (
	snapshotRowsPerInsert = 500
	outputRowsPerInsert   = 2000
)

// rowsPerInsert is limit for PostgreSQL, where each statement is a round
// trip, and 1 for SQLite, which runs in-process: there the multi-row
// statement's text differed in every batch, so each batch paid to prepare
// a statement of thousands of variables (~0.15 ms a device), where one
// small prepared statement serves every row.
func (w *batchWriter) rowsPerInsert(limit int) int {
	if w.tx.prepare {
		return 1
	}
	return limit
}

// saveAll inserts the batch's snapshots (each device once: no snapshot of
// the batch is another's parent) with multi-row INSERTs, then all their
// outputs the same way: a handful of statements for the whole batch.
func (w *batchWriter) saveAll(ctx context.Context, run Run, recs []Record) ([]Snapshot, error) {
	snaps := make([]Snapshot, len(recs))
	type encoded struct{ facts, findings []byte }
	enc := make([]encoded, len(recs))
	for i, r := range recs {
		var err error
		if snaps[i], enc[i].facts, enc[i].findings, err = w.build(ctx, run, r); err != nil {
			return nil, fmt.Errorf("save snapshot of %s: %w", r.Device, err)
		}
	}
	byDevice := make(map[string]int, len(recs))
	per := w.rowsPerInsert(snapshotRowsPerInsert)
	for start := 0; start < len(snaps); start += per {
		end := min(start+per, len(snaps))
		args := make([]any, 0, 17*(end-start))
		for i := start; i < end; i++ {
			sn := snaps[i]
			byDevice[sn.Device] = i
			args = append(args, run.ID, sn.Device, nullID(sn.Parent), sn.Label, fmtTime(sn.TakenAt), fmtTime(sn.Started),
				fmtTime(sn.Finished), sn.ProgramVersion, sn.Schema, sn.Status, sn.Error, sn.HostKey,
				enc[i].facts, enc[i].findings, sn.Digest, sn.Chain, sn.DigestVersion)
		}
		q := strings.TrimSuffix(insertSnapshot, " RETURNING id") +
			strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", end-start-1) + " RETURNING id, device"
		rows, err := w.tx.QueryContext(ctx, w.s.d.q(q), args...)
		if err != nil {
			return nil, fmt.Errorf("save %d snapshots: %w", end-start, err)
		}
		n := 0
		for rows.Next() {
			var id int64
			var dev string
			if err := rows.Scan(&id, &dev); err != nil {
				rows.Close()
				return nil, fmt.Errorf("save %d snapshots: %w", end-start, err)
			}
			snaps[byDevice[dev]].ID = id
			n++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("save %d snapshots: %w", end-start, err)
		}
		if n != end-start {
			return nil, fmt.Errorf("save %d snapshots: %d ids returned", end-start, n)
		}
	}
	return snaps, w.insertOutputs(ctx, snaps, recs)
}

func (w *batchWriter) insertOutputs(ctx context.Context, snaps []Snapshot, recs []Record) error {
	var args []any
	rows, per := 0, w.rowsPerInsert(outputRowsPerInsert)
	flush := func() error {
		if rows == 0 {
			return nil
		}
		q := insertOutput + strings.Repeat(", (?, ?, ?, ?)", rows-1)
		if _, err := w.tx.ExecContext(ctx, w.s.d.q(q), args...); err != nil {
			return fmt.Errorf("save outputs: %w", err)
		}
		args, rows = args[:0], 0
		return nil
	}
	for i, r := range recs {
		for _, cmd := range slices.Sorted(maps.Keys(r.Outputs)) {
			text := r.Outputs[cmd]
			args = append(args, snaps[i].ID, cmd, compress(nil, text), sha256String(text))
			if rows++; rows == per {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}
