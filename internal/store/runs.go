package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Run is one sweep's row.
type Run struct {
	ID             int64
	Label          string
	StartedAt      time.Time
	FinishedAt     time.Time // zero while running
	Status         string    // running | finished | interrupted
	ProgramVersion string
}

// CutOffRun is a run a previous process left running (killed, or the
// machine went down): Open marked it interrupted. Missing are the devices
// it planned (PlanRun) and saved no snapshot of: what it lost.
type CutOffRun struct {
	RunID     int64
	StartedAt time.Time
	Planned   int
	Saved     int
	Missing   []string
}

// CutOff lists the runs this Open found cut off.
func (s *Store) CutOff() []CutOffRun { return s.cutOff }

// BeginRun records the start of a sweep. With PostgreSQL the run also
// holds a session lock until FinishRun or Close, so another poller's Open
// does not mistake it for an interrupted one.
func (s *Store) BeginRun(ctx context.Context, label string, started time.Time) (Run, error) {
	r := Run{Label: label, StartedAt: started.UTC(), Status: "running", ProgramVersion: s.version}
	if s.d.postgres() {
		return s.beginRunPostgres(ctx, r)
	}
	err := s.db.QueryRowContext(ctx, `INSERT INTO runs (label, started_at, program_version) VALUES (?, ?, ?) RETURNING id`,
		label, fmtTime(r.StartedAt), s.version).Scan(&r.ID)
	if err != nil {
		return Run{}, fmt.Errorf("begin run: %w", err)
	}
	return r, nil
}

// PlanRun records the devices run sets out to audit, so that a run cut
// off before it ends can be told apart from one that saved everything.
func (s *Store) PlanRun(ctx context.Context, id int64, devices []string) error {
	b, err := json.Marshal(devices)
	if err != nil {
		return fmt.Errorf("plan run %d: %w", id, err)
	}
	if _, err := s.db.ExecContext(ctx, s.d.q(`UPDATE runs SET planned = ? WHERE id = ?`), b, id); err != nil {
		return fmt.Errorf("plan run %d: %w", id, err)
	}
	return nil
}

// FinishRun marks run finished (or interrupted when the sweep was cut
// short) and records the run's digest.
func (s *Store) FinishRun(ctx context.Context, id int64, finished time.Time, interrupted bool) error {
	status := "finished"
	if interrupted {
		status = "interrupted"
	}
	if err := s.endRun(ctx, s.db, id, fmtTime(finished.UTC()), status); err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	s.runs.release(id)
	return nil
}

// execQuerier is a *sql.DB or a *sql.Tx.
type execQuerier interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// endRun sets a run's end and status and its digest over the whole row.
func (s *Store) endRun(ctx context.Context, q execQuerier, id int64, finished, status string) error {
	r := Run{ID: id, Status: status, FinishedAt: parseTime(finished)}
	var started string
	var planned []byte
	if err := q.QueryRowContext(ctx, s.d.q(`SELECT label, started_at, program_version, planned FROM runs WHERE id = ?`), id).
		Scan(&r.Label, &started, &r.ProgramVersion, &planned); err != nil {
		return err
	}
	r.StartedAt = parseTime(started)
	var fin any
	if finished != "" {
		fin = finished
	}
	_, err := q.ExecContext(ctx, s.d.q(`UPDATE runs SET finished_at = ?, status = ?, digest = ? WHERE id = ?`),
		fin, status, runDigest(r, planned), id)
	return err
}

// markInterrupted marks the runs a previous process left running as
// interrupted (on PostgreSQL only those whose lock nobody holds: other
// pollers' runs in progress keep theirs) and remembers what each lost.
func (s *Store) markInterrupted(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("mark interrupted runs: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	q := `SELECT id, started_at, planned FROM runs WHERE status = 'running' AND digest = '' ORDER BY id`
	var args []any
	if s.d.postgres() {
		q = `SELECT id, started_at, planned FROM runs WHERE status = 'running' AND digest = ''
			AND pg_try_advisory_xact_lock($1, (id & 2147483647)::int4) ORDER BY id`
		args = []any{lockClassRun}
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("mark interrupted runs: %w", err)
	}
	type cut struct {
		CutOffRun
		planned []string
	}
	var cuts []cut
	for rows.Next() {
		var c cut
		var started string
		var planned []byte
		if err := rows.Scan(&c.RunID, &started, &planned); err != nil {
			rows.Close()
			return fmt.Errorf("mark interrupted runs: %w", err)
		}
		c.StartedAt = parseTime(started)
		_ = json.Unmarshal(planned, &c.planned) // a bad list only loses the report
		cuts = append(cuts, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("mark interrupted runs: %w", err)
	}
	for _, c := range cuts {
		saved, err := s.savedDevices(ctx, tx, c.RunID)
		if err != nil {
			return fmt.Errorf("mark interrupted run %d: %w", c.RunID, err)
		}
		c.Planned, c.Saved = len(c.planned), len(saved)
		for _, d := range c.planned {
			if !slices.Contains(saved, d) {
				c.Missing = append(c.Missing, d)
			}
		}
		if err := s.endRun(ctx, tx, c.RunID, "", "interrupted"); err != nil {
			return fmt.Errorf("mark interrupted run %d: %w", c.RunID, err)
		}
		s.cutOff = append(s.cutOff, c.CutOffRun)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("mark interrupted runs: %w", err)
	}
	return nil
}

func (s *Store) savedDevices(ctx context.Context, q querier, run int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, s.d.q(`SELECT device FROM snapshots WHERE run_id = ? ORDER BY device`), run)
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

// Runs lists the runs, newest first.
func (s *Store) Runs(ctx context.Context) ([]Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, label, started_at, COALESCE(finished_at, ''), status, program_version FROM runs ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var st, fin string
		if err := rows.Scan(&r.ID, &r.Label, &st, &fin, &r.Status, &r.ProgramVersion); err != nil {
			return nil, fmt.Errorf("list runs: %w", err)
		}
		r.StartedAt, r.FinishedAt = parseTime(st), parseTime(fin)
		out = append(out, r)
	}
	return out, rows.Err()
}

// checkRuns verifies every ended run's digest; a run from runs_hashed_from
// on (created by schema 3 or later) must have one.
func (s *Store) checkRuns(ctx context.Context) ([]Problem, error) {
	var from int64 = 1 << 62
	var v string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM store_meta WHERE key = 'runs_hashed_from'`).Scan(&v); err == nil {
		from, _ = strconv.ParseInt(v, 10, 64)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, label, started_at, COALESCE(finished_at, ''), status, program_version, planned, digest FROM runs ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("verify runs: %w", err)
	}
	defer rows.Close()
	var probs []Problem
	for rows.Next() {
		var r Run
		var st, fin, digest string
		var planned []byte
		if err := rows.Scan(&r.ID, &r.Label, &st, &fin, &r.Status, &r.ProgramVersion, &planned, &digest); err != nil {
			return nil, fmt.Errorf("verify runs: %w", err)
		}
		r.StartedAt, r.FinishedAt = parseTime(st), parseTime(fin)
		switch {
		case r.Status == "running" && digest != "":
			probs = append(probs, Problem{What: fmt.Sprintf("run %d says running but carries the digest of an ended run (its status was edited)", r.ID)})
		case r.Status == "running":
		case digest == "" && r.ID >= from:
			probs = append(probs, Problem{What: fmt.Sprintf("run %d has no digest (its row was edited)", r.ID)})
		case digest != "" && runDigest(r, planned) != digest:
			probs = append(probs, Problem{What: fmt.Sprintf("run %d: its row does not match its digest (label, times, status, program version or planned devices were edited)", r.ID)})
		}
	}
	return probs, rows.Err()
}
