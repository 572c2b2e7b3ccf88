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
	reads   *preparedDB // s.db with the hot read queries prepared once
	d       dialect
	lock    *os.File // sqlite writers
	path    string   // file, or the DSN without secrets
	version string
	runs    runLocks // postgres: one session lock per run in progress
	cutOff  []CutOffRun
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
	s.reads = &preparedDB{db: db, enabled: true}
	if opts.ReadOnly {
		return s, nil
	}
	if err := migrate(ctx, db, s.d); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := s.markInterrupted(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// dsn is how a writer opens the SQLite file at path (readers: readerDSN).
// WAL with synchronous FULL: every commit (one per batch of snapshots,
// SaveBatch) is on disk when it returns, so a power cut or SIGKILL loses
// at most the batch being written, and WAL never leaves a torn database.
// NORMAL would save one fsync per batch but may lose the last batches on
// a power cut; with group commit the fsync is paid once per batch, so
// FULL costs little (docs/history.md).
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
	if s.reads != nil {
		s.reads.close()
	}
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

const timeFormat = time.RFC3339Nano

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeFormat, s)
	return t
}
