package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go
)

// Options configure Open.
type Options struct {
	// ReadOnly opens without the writer lock: history, diff and evidence
	// read while a sweep writes (SQLite WAL keeps readers consistent; a
	// PostgreSQL reader's transactions are read-only). A read-only SQLite
	// file or directory (a seized copy) is read without writing to it at
	// all (readerDSN). Readers never migrate.
	ReadOnly bool
	// LockWait is how long a writer waits for another run's lock; 0 fails
	// at once. SQLite only: PostgreSQL writers run side by side.
	LockWait time.Duration
	// ProgramVersion is recorded in every run and snapshot.
	ProgramVersion string
}

// Store is an open history database: an SQLite file (writers hold an
// exclusive lock on PATH.lock for as long as the store is open) or a
// PostgreSQL database shared by several pollers (postgres.go).
type Store struct {
	db      *sql.DB
	d       dialect
	lock    *os.File // sqlite writers
	path    string   // file, or the DSN without secrets
	version string
	runs    runLocks // postgres: one session lock per run in progress
}

// DefaultPath is $XDG_STATE_HOME/fwaudit/state.db, else
// ~/.local/state/fwaudit/state.db.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "fwaudit", "state.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("state directory: %w", err)
	}
	return filepath.Join(home, ".local", "state", "fwaudit", "state.db"), nil
}

// Open opens (creating and migrating when needed) the store at path: a
// file, or a postgres:// URL (IsPostgres). An SQLite writer first takes the
// lock; if another run holds it past opts.LockWait, Open fails with
// ErrLocked. Runs a previous process left unfinished are marked
// interrupted.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: empty path")
	}
	if IsPostgres(path) {
		return openPostgres(ctx, path, opts)
	}
	s := &Store{path: path, version: opts.ProgramVersion, d: dialectSQLite}
	if s.version == "" {
		s.version = "dev"
	}
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	} else {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create state directory: %w", err)
		}
		lf, err := lockFile(ctx, path+".lock", opts.LockWait)
		if err != nil {
			return nil, err
		}
		s.lock = lf
	}
	source := dsn(path)
	if opts.ReadOnly {
		var err error
		if source, err = readerDSN(path); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	db, err := sql.Open("sqlite", source)
	if err != nil {
		s.unlock()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.db = db
	if opts.ReadOnly {
		return s, nil
	}
	if err := migrate(ctx, db, s.d); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE runs SET status = 'interrupted' WHERE status = 'running'`); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("mark interrupted runs: %w", err)
	}
	return s, nil
}

// dsn is how a writer opens the SQLite file at path (readers: readerDSN).
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	return "file:" + path + "?" + q.Encode()
}

// Path is the database file, or the PostgreSQL URL (never with a password).
func (s *Store) Path() string { return s.path }

// Close closes the database and releases the lock.
func (s *Store) Close() error {
	s.runs.releaseAll()
	var err error
	if s.db != nil {
		err = s.db.Close()
	}
	s.unlock()
	return err
}

func (s *Store) unlock() {
	if s.lock != nil {
		_ = s.lock.Close()
		s.lock = nil
	}
}

// Run is one sweep's row.
type Run struct {
	ID         int64
	Label      string
	StartedAt  time.Time
	FinishedAt time.Time // zero while running
	Status     string    // running | finished | interrupted
}

// BeginRun records the start of a sweep. With PostgreSQL the run also
// holds a session lock until FinishRun or Close, so another poller's Open
// does not mistake it for an interrupted one.
func (s *Store) BeginRun(ctx context.Context, label string, started time.Time) (Run, error) {
	r := Run{Label: label, StartedAt: started.UTC(), Status: "running"}
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

// FinishRun marks run finished (or interrupted when the sweep was cut short).
func (s *Store) FinishRun(ctx context.Context, id int64, finished time.Time, interrupted bool) error {
	status := "finished"
	if interrupted {
		status = "interrupted"
	}
	if _, err := s.db.ExecContext(ctx, s.d.q(`UPDATE runs SET finished_at = ?, status = ? WHERE id = ?`),
		fmtTime(finished.UTC()), status, id); err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	s.runs.release(id)
	return nil
}

// Runs lists the runs, newest first.
func (s *Store) Runs(ctx context.Context) ([]Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, label, started_at, COALESCE(finished_at, ''), status FROM runs ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var st, fin string
		if err := rows.Scan(&r.ID, &r.Label, &st, &fin, &r.Status); err != nil {
			return nil, fmt.Errorf("list runs: %w", err)
		}
		r.StartedAt, r.FinishedAt = parseTime(st), parseTime(fin)
		out = append(out, r)
	}
	return out, rows.Err()
}

const timeFormat = time.RFC3339Nano

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t
}
