package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
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
	in, args := s.d.deviceIn(devices)
	rows, err := q.QueryContext(ctx, s.d.q(`SELECT device, id, chain, findings, status FROM snapshots
		WHERE id IN (SELECT MAX(id) FROM snapshots WHERE device `+in+` GROUP BY device)`), args...)
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
	accs, err := s.acceptancesWhere(ctx, q, `WHERE device `+in, args...)
	if err != nil {
		return err
	}
	for _, a := range accs {
		if d := w.devices[a.Device]; d != nil {
			d.accs = append(d.accs, a)
		}
	}
	rows, err = q.QueryContext(ctx, s.d.q(`SELECT device, chain FROM checkpoints WHERE device `+in), args...)
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

// encoded is a snapshot's facts and findings as stored (JSON).
type encoded struct{ facts, findings []byte }

// saveAll inserts the batch's snapshots (each device once: no snapshot of
// the batch is another's parent), then all their outputs. On SQLite,
// in-process, each row goes through one small prepared statement (a
// multi-row INSERT's text differed in every batch, so each batch paid to
// prepare a statement of thousands of variables, ~0.15 ms a device). On
// PostgreSQL, where each statement is a round trip, the whole batch goes
// as column arrays in one statement of constant text (insertArrays).
func (w *batchWriter) saveAll(ctx context.Context, run Run, recs []Record) ([]Snapshot, error) {
	snaps := make([]Snapshot, len(recs))
	enc := make([]encoded, len(recs))
	for i, r := range recs {
		var err error
		if snaps[i], enc[i].facts, enc[i].findings, err = w.build(ctx, run, r); err != nil {
			return nil, fmt.Errorf("save snapshot of %s: %w", r.Device, err)
		}
	}
	if w.s.d.postgres() {
		return snaps, w.insertArrays(ctx, run, snaps, enc, recs)
	}
	for i := range snaps {
		sn := &snaps[i]
		err := w.tx.QueryRowContext(ctx, insertSnapshot, run.ID, sn.Device, nullID(sn.Parent), sn.Label, fmtTime(sn.TakenAt),
			fmtTime(sn.Started), fmtTime(sn.Finished), sn.ProgramVersion, sn.Schema, sn.Status, sn.Error, sn.HostKey,
			enc[i].facts, enc[i].findings, sn.Digest, sn.Chain, sn.DigestVersion).Scan(&sn.ID)
		if err != nil {
			return nil, fmt.Errorf("save snapshot of %s: %w", sn.Device, err)
		}
	}
	for i, r := range recs {
		for _, cmd := range slices.Sorted(maps.Keys(r.Outputs)) {
			text := r.Outputs[cmd]
			if _, err := w.tx.ExecContext(ctx, insertOutput, snaps[i].ID, cmd, compress(nil, text), sha256String(text)); err != nil {
				return nil, fmt.Errorf("save outputs of %s: %w", r.Device, err)
			}
		}
	}
	return snaps, nil
}

// insertArrays inserts a batch's snapshots and their outputs on
// PostgreSQL in one statement: one array per column, unnested, the
// outputs joined to the ids their snapshots get (parent 0 is NULL). Its
// text never changes, so the server parses and plans it once per
// connection, where a multi-row INSERT of the batch's size was a new
// statement of thousands of parameters each time; and it is one round
// trip, which under load is a wait for the server to be scheduled on a
// machine the sweep keeps busy.
func (w *batchWriter) insertArrays(ctx context.Context, run Run, snaps []Snapshot, enc []encoded, recs []Record) error {
	n := len(snaps)
	var (
		parents, schemas, digestVersions                                          = make([]int64, n), make([]int32, n), make([]int32, n)
		devices, labels, taken, started, finished, versions, statuses, errs, keys = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		digests, chains                                                           = make([]string, n), make([]string, n)
		factsCol, findingsCol                                                     = make([][]byte, n), make([][]byte, n)
	)
	byDevice := make(map[string]int, n)
	for i, sn := range snaps {
		byDevice[sn.Device] = i
		parents[i], schemas[i], digestVersions[i] = sn.Parent, int32(sn.Schema), int32(sn.DigestVersion)
		devices[i], labels[i], taken[i], started[i], finished[i] = sn.Device, sn.Label, fmtTime(sn.TakenAt), fmtTime(sn.Started), fmtTime(sn.Finished)
		versions[i], statuses[i], errs[i], keys[i] = sn.ProgramVersion, sn.Status, sn.Error, sn.HostKey
		digests[i], chains[i], factsCol[i], findingsCol[i] = sn.Digest, sn.Chain, enc[i].facts, enc[i].findings
	}
	outs := 0
	for _, r := range recs {
		outs += len(r.Outputs)
	}
	oDevices, oCmds, oBodies, oShas := make([]string, 0, outs), make([]string, 0, outs), make([][]byte, 0, outs), make([]string, 0, outs)
	for _, r := range recs {
		for _, cmd := range slices.Sorted(maps.Keys(r.Outputs)) {
			text := r.Outputs[cmd]
			oDevices, oCmds = append(oDevices, r.Device), append(oCmds, cmd)
			oBodies, oShas = append(oBodies, compress(nil, text)), append(oShas, sha256String(text))
		}
	}
	rows, err := w.tx.QueryContext(ctx, insertUnnest, run.ID, devices, parents, labels, taken, started, finished,
		versions, schemas, statuses, errs, keys, factsCol, findingsCol, digests, chains, digestVersions,
		oDevices, oCmds, oBodies, oShas)
	if err != nil {
		return fmt.Errorf("save %d snapshots: %w", n, err)
	}
	defer rows.Close()
	got, gotOuts := 0, 0
	for rows.Next() {
		var id int64
		var dev string
		if err := rows.Scan(&id, &dev, &gotOuts); err != nil {
			return fmt.Errorf("save %d snapshots: %w", n, err)
		}
		snaps[byDevice[dev]].ID = id
		got++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("save %d snapshots: %w", n, err)
	}
	if got != n || (n > 0 && gotOuts != outs) {
		return fmt.Errorf("save %d snapshots: %d ids and %d of %d outputs saved", n, got, gotOuts, outs)
	}
	return nil
}

const insertUnnest = `WITH s AS (
	INSERT INTO snapshots (run_id, device, parent, label, taken_at, started_at,
		finished_at, program_version, schema, status, error, host_key, facts, findings, digest, chain, digest_version)
	SELECT $1, d, NULLIF(p, 0), l, ta, st, fi, v, sc, s, e, k, fa, fn, dg, c, dv
	FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
		$9::integer[], $10::text[], $11::text[], $12::text[], $13::bytea[], $14::bytea[], $15::text[], $16::text[], $17::integer[])
		AS t(d, p, l, ta, st, fi, v, sc, s, e, k, fa, fn, dg, c, dv)
	RETURNING id, device
), o AS (
	INSERT INTO outputs (snapshot_id, command, body, sha256)
	SELECT s.id, o.c, o.b, o.h
	FROM unnest($18::text[], $19::text[], $20::bytea[], $21::text[]) AS o(d, c, b, h) JOIN s ON s.device = o.d
	RETURNING 1
)
SELECT id, device, (SELECT count(*) FROM o) FROM s`
