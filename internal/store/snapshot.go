package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

// Snapshot is what one run learned about one device (restic data.Snapshot
// shape): its facts and findings, where it sits in the device's chain, and
// the hashes that make tampering visible.
type Snapshot struct {
	ID             int64           `json:"id"`
	Parent         int64           `json:"parent,omitempty"` // previous snapshot of the same device; 0 for the first
	RunID          int64           `json:"run_id"`
	Device         string          `json:"device"`
	Label          string          `json:"label,omitempty"`
	TakenAt        time.Time       `json:"taken_at"`
	Started        time.Time       `json:"started_at"`
	Finished       time.Time       `json:"finished_at"`
	ProgramVersion string          `json:"program_version"`
	Schema         int             `json:"schema"`
	Status         string          `json:"status"` // ok | error
	Error          string          `json:"error,omitempty"`
	HostKey        string          `json:"host_key_sha256,omitempty"`
	Facts          facts.Facts     `json:"facts"`
	Findings       []audit.Finding `json:"findings"`
	Digest         string          `json:"digest"` // sha256 of the content (Digest)
	Chain          string          `json:"chain"`  // sha256 of parent's chain and Digest
	DigestVersion  int             `json:"digest_version"`
}

// Record is what a sweep hands the store for one device.
type Record struct {
	Device   string
	Label    string
	TakenAt  time.Time
	Started  time.Time
	Finished time.Time
	Facts    facts.Facts
	Findings []audit.Finding
	Outputs  map[string]string // command → raw output (varbind dumps too)
	Err      string            // "" when the device was audited
}

// Status values.
const (
	StatusOK    = "ok"
	StatusError = "error"
)

// Save writes one snapshot of run (SaveBatch of one).
func (s *Store) Save(ctx context.Context, run Run, r Record) (Snapshot, error) {
	snaps, err := s.SaveBatch(ctx, run, []Record{r})
	if err != nil {
		return Snapshot{}, err
	}
	return snaps[0], nil
}

// SaveBatch writes one snapshot per record of run (it carries the run's
// label), with their outputs, in one transaction: group commit, one
// fsync for the batch. Each is chained to its device's previous snapshot
// (an earlier record of the same batch included). Nothing of the batch is
// visible before commit; a batch that fails leaves nothing.
func (s *Store) SaveBatch(ctx context.Context, run Run, recs []Record) ([]Snapshot, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("save %d snapshots: %w", len(recs), err)
	}
	defer func() { _ = tx.Rollback() }()
	// Chain writers of other pollers wait per device; taking the locks in
	// one order keeps two batches from deadlocking.
	devices := make([]string, 0, len(recs))
	for _, r := range recs {
		devices = append(devices, r.Device)
	}
	slices.Sort(devices)
	devices = slices.Compact(devices)
	if err := s.lockDevices(ctx, tx, devices); err != nil {
		return nil, fmt.Errorf("save %d snapshots: %w", len(recs), err)
	}
	w := s.newBatchWriter(tx)
	defer w.close()
	if err := w.prefetch(ctx, devices); err != nil {
		return nil, fmt.Errorf("save %d snapshots: %w", len(recs), err)
	}
	if len(devices) == len(recs) { // each device once: insert the batch at once
		out, err := w.saveAll(ctx, run, recs)
		if err != nil {
			return nil, err
		}
		if err := tx.Commit(); err != nil {
			return nil, fmt.Errorf("save %d snapshots: commit: %w", len(recs), err)
		}
		return out, nil
	}
	out := make([]Snapshot, 0, len(recs))
	for _, r := range recs {
		snap, err := w.save(ctx, run, r)
		if err != nil {
			return nil, fmt.Errorf("save snapshot of %s: %w", r.Device, err)
		}
		out = append(out, snap)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("save %d snapshots: commit: %w", len(recs), err)
	}
	return out, nil
}

// batchWriter is one batch's transaction and statements.
type batchWriter struct {
	s       *Store
	tx      *stmtCache
	buf     []byte // the compressed outputs of one snapshot, reused
	devices map[string]*batchDevice
}

const (
	insertSnapshot = `INSERT INTO snapshots (run_id, device, parent, label, taken_at, started_at,
		finished_at, program_version, schema, status, error, host_key, facts, findings, digest, chain, digest_version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	insertOutput = `INSERT INTO outputs (snapshot_id, command, body, sha256) VALUES (?, ?, ?, ?)`
)

func (s *Store) newBatchWriter(tx *sql.Tx) *batchWriter {
	// pgx caches its prepared statements per connection already.
	return &batchWriter{s: s, tx: &stmtCache{tx: tx, prepare: !s.d.postgres(), stmts: map[string]*sql.Stmt{}}}
}

func (w *batchWriter) close() { w.tx.close() }

// stmtCache is a querier over a transaction that prepares each query once
// per batch (SQLite): the chain and lifecycle look-ups run once per
// snapshot, and preparing their SQL was a sixth of a save's CPU.
type stmtCache struct {
	tx      *sql.Tx
	prepare bool
	stmts   map[string]*sql.Stmt
}

func (c *stmtCache) stmt(ctx context.Context, query string) *sql.Stmt {
	if !c.prepare {
		return nil
	}
	if st, ok := c.stmts[query]; ok {
		return st
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil // the plain call reports the error
	}
	c.stmts[query] = st
	return st
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return c.tx.QueryContext(ctx, query, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := c.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.tx.QueryRowContext(ctx, query, args...)
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := c.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.tx.ExecContext(ctx, query, args...)
}

func (c *stmtCache) close() {
	for _, st := range c.stmts {
		_ = st.Close()
	}
}

// build makes r's snapshot: chained to its device's head (prefetch),
// findings with their lifecycle, digest and chain; not yet inserted.
func (w *batchWriter) build(ctx context.Context, run Run, r Record) (Snapshot, []byte, []byte, error) {
	s, tx := w.s, w.tx
	snap := Snapshot{RunID: run.ID, Device: r.Device, Label: run.Label, TakenAt: r.TakenAt.UTC(),
		Started: r.Started.UTC(), Finished: r.Finished.UTC(), ProgramVersion: s.version,
		Schema: SchemaVersion(), Status: StatusOK, Error: r.Err, HostKey: r.Facts.HostKeySHA256,
		Facts: r.Facts, Findings: r.Findings, DigestVersion: DigestVersion}
	if r.Err != "" {
		snap.Status = StatusError
	}
	// The parent link is the device's newest snapshot, or the newest
	// acceptance made on it (acceptance.go), or the checkpoint a prune left.
	// Read once, used twice: the acceptances are chain links and decide
	// finding states.
	// The batch read every device's newest snapshot, acceptances and
	// checkpoint up front (prefetch).
	dev := w.devices[r.Device]
	parent, parentChain := dev.headID, dev.headChain
	for _, a := range dev.accs {
		if a.SnapshotID == parent {
			parentChain = a.Chain
		}
	}
	if parent == 0 {
		parentChain = dev.checkpoint
	}
	snap.Parent = parent
	var prior []audit.Finding
	if parent != 0 {
		var err error
		if prior, err = s.priorFrom(ctx, tx, r.Device, dev.headFindings, dev.headStatus); err != nil {
			return Snapshot{}, nil, nil, err
		}
	}
	snap.Findings = lifecycle(r.Findings, prior, dev.accs, snap.TakenAt)
	factsJSON, findingsJSON, err := encode(snap)
	if err != nil {
		return Snapshot{}, nil, nil, err
	}
	snap.Digest = Digest(snap, factsJSON, findingsJSON, r.Outputs)
	snap.Chain = chain(parentChain, snap.Digest)
	return snap, factsJSON, findingsJSON, nil
}

func (w *batchWriter) save(ctx context.Context, run Run, r Record) (Snapshot, error) {
	snap, factsJSON, findingsJSON, err := w.build(ctx, run, r)
	if err != nil {
		return Snapshot{}, err
	}
	s, tx, dev := w.s, w.tx, w.devices[r.Device]
	err = tx.QueryRowContext(ctx, s.d.q(insertSnapshot), run.ID, snap.Device, nullID(snap.Parent), snap.Label, fmtTime(snap.TakenAt),
		fmtTime(snap.Started), fmtTime(snap.Finished), snap.ProgramVersion, snap.Schema, snap.Status, snap.Error,
		snap.HostKey, factsJSON, findingsJSON, snap.Digest, snap.Chain, snap.DigestVersion).Scan(&snap.ID)
	if err != nil {
		return Snapshot{}, err
	}
	// A later record of the same device in this batch chains to this one.
	dev.headID, dev.headChain, dev.headFindings, dev.headStatus = snap.ID, snap.Chain, findingsJSON, snap.Status
	// All outputs in one statement: one round trip to a PostgreSQL server.
	if len(r.Outputs) > 0 {
		args := make([]any, 0, 4*len(r.Outputs))
		w.buf = w.buf[:0] // the previous statement is done with it
		for _, cmd := range slices.Sorted(maps.Keys(r.Outputs)) {
			text := r.Outputs[cmd]
			start := len(w.buf)
			w.buf = compress(w.buf, text) // a grown buffer leaves earlier bodies intact in the old one
			args = append(args, snap.ID, cmd, w.buf[start:len(w.buf):len(w.buf)], sha256String(text))
		}
		q := insertOutput + strings.Repeat(", (?, ?, ?, ?)", len(r.Outputs)-1)
		if _, err := tx.ExecContext(ctx, s.d.q(q), args...); err != nil {
			return Snapshot{}, fmt.Errorf("outputs: %w", err)
		}
	}
	return snap, nil
}

func encode(s Snapshot) (factsJSON, findingsJSON []byte, err error) {
	if factsJSON, err = json.Marshal(s.Facts); err != nil {
		return nil, nil, fmt.Errorf("encode facts: %w", err)
	}
	fs := s.Findings
	if fs == nil {
		fs = []audit.Finding{}
	}
	if findingsJSON, err = json.Marshal(fs); err != nil {
		return nil, nil, fmt.Errorf("encode findings: %w", err)
	}
	return factsJSON, findingsJSON, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Previous implements sweep.History: the device's newest snapshot that was
// audited (status ok), with the snapshots trusted for each history rule
// (lifecycle.go); nil, nil for a device never audited.
func (s *Store) Previous(ctx context.Context, device string) (*audit.Previous, error) {
	snaps, err := s.query(ctx, `WHERE device = ? AND status = 'ok' ORDER BY id DESC LIMIT 1`, device)
	if err != nil || len(snaps) == 0 {
		return nil, err
	}
	prev := snaps[0].Previous()
	var first int64
	if prev.Trusted, first, err = s.trusted(ctx, device, &snaps[0]); err != nil {
		return nil, err
	}
	prev.First = prev.SnapshotID == first
	return prev, nil
}

// Previous is the snapshot as the history rules see it.
func (sn Snapshot) Previous() *audit.Previous {
	return &audit.Previous{SnapshotID: sn.ID, TakenAt: sn.TakenAt, Facts: sn.Facts}
}

// History lists a device's snapshots, oldest first; limit > 0 keeps the newest limit.
func (s *Store) History(ctx context.Context, device string, limit int) ([]Snapshot, error) {
	q := `WHERE device = ? ORDER BY id DESC`
	args := []any{device}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	snaps, err := s.query(ctx, q, args...)
	slices.Reverse(snaps)
	return snaps, err
}

// Get returns the snapshot with id.
func (s *Store) Get(ctx context.Context, id int64) (Snapshot, error) {
	snaps, err := s.query(ctx, `WHERE id = ?`, id)
	if err != nil {
		return Snapshot{}, err
	}
	if len(snaps) == 0 {
		return Snapshot{}, fmt.Errorf("snapshot %d: %w", id, ErrNotFound)
	}
	return snaps[0], nil
}

// Labelled returns the newest snapshot of each device carrying label,
// sorted by device.
func (s *Store) Labelled(ctx context.Context, label string) ([]Snapshot, error) {
	snaps, err := s.query(ctx, `WHERE id IN (SELECT MAX(id) FROM snapshots WHERE label = ? GROUP BY device) ORDER BY `+s.d.byteOrder("device"), label)
	if err != nil {
		return nil, err
	}
	if len(snaps) == 0 {
		return nil, fmt.Errorf("label %q: %w", label, ErrNotFound)
	}
	return snaps, nil
}

// All lists every snapshot in id order (store verify, evidence).
func (s *Store) All(ctx context.Context) ([]Snapshot, error) {
	return s.query(ctx, `ORDER BY id`)
}

const snapshotColumns = `id, COALESCE(parent, 0), run_id, device, label, taken_at, started_at, finished_at,
	program_version, schema, status, error, host_key, facts, findings, digest, chain, digest_version`

func (s *Store) query(ctx context.Context, where string, args ...any) ([]Snapshot, error) {
	rows, err := s.reads.QueryContext(ctx, s.d.q(`SELECT `+snapshotColumns+` FROM snapshots `+where), args...)
	if err != nil {
		return nil, fmt.Errorf("read snapshots: %w", err)
	}
	defer rows.Close()
	var out []Snapshot
	for rows.Next() {
		sn, err := scanSnapshot(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sn)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read snapshots: %w", err)
	}
	return out, nil
}

func scanSnapshot(rows *sql.Rows) (Snapshot, error) {
	var sn Snapshot
	var taken, started, finished string
	var factsJSON, findingsJSON []byte
	if err := rows.Scan(&sn.ID, &sn.Parent, &sn.RunID, &sn.Device, &sn.Label, &taken, &started, &finished,
		&sn.ProgramVersion, &sn.Schema, &sn.Status, &sn.Error, &sn.HostKey, &factsJSON, &findingsJSON,
		&sn.Digest, &sn.Chain, &sn.DigestVersion); err != nil {
		return Snapshot{}, fmt.Errorf("read snapshot: %w", err)
	}
	sn.TakenAt, sn.Started, sn.Finished = parseTime(taken), parseTime(started), parseTime(finished)
	if err := json.Unmarshal(factsJSON, &sn.Facts); err != nil {
		return Snapshot{}, fmt.Errorf("snapshot %d: decode facts: %w", sn.ID, err)
	}
	if err := json.Unmarshal(findingsJSON, &sn.Findings); err != nil {
		return Snapshot{}, fmt.Errorf("snapshot %d: decode findings: %w", sn.ID, err)
	}
	return sn, nil
}
