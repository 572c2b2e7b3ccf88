package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// ErrDSNPassword: a postgres:// URL carried a password. Command lines end
// up in ps, shell history and CronJob specs; the password comes from the
// environment instead (FWAUDIT_STATE_PASSWORD, PGPASSWORD, PGPASSFILE).
var ErrDSNPassword = errors.New("the PostgreSQL URL must not contain a password: set FWAUDIT_STATE_PASSWORD or PGPASSWORD, or use a password file (PGPASSFILE, ~/.pgpass)")

// PasswordEnv is the environment variable fwaudit reads the PostgreSQL
// password from; it wins over PGPASSWORD and the password file.
const PasswordEnv = "FWAUDIT_STATE_PASSWORD"

// Bounds for a PostgreSQL store: every step ends even when the server hangs.
const (
	pgConnectTimeout   = 10 * time.Second
	pgStatementTimeout = "5min" // per statement; a DSN's statement_timeout wins
	pgIdleTxTimeout    = "5min" // a poller stuck inside a transaction releases its locks
	pgMaxConns         = 8
)

// Advisory lock classes (the first key of pg_advisory_lock(int, int)).
const (
	lockClassMigrate = 0x66770001 // one migration at a time
	lockClassRun     = 0x66770002 // held by a run in progress (key: run id)
	lockClassDevice  = 0x66770003 // one chain writer per device (key: hashtext(device))
)

// IsPostgres reports whether a --state value names a PostgreSQL database.
func IsPostgres(state string) bool {
	s := strings.ToLower(state)
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// CheckDSN refuses a postgres:// URL that cannot be used or that carries a
// password (ErrDSNPassword). The error never repeats the password.
func CheckDSN(dsn string) error {
	u, err := url.Parse(dsn)
	if err != nil {
		return errors.New("not a valid postgres:// URL")
	}
	if _, ok := u.User.Password(); ok {
		return ErrDSNPassword
	}
	for k := range u.Query() {
		if strings.EqualFold(k, "password") {
			return ErrDSNPassword
		}
	}
	return nil
}

// pgConfig parses dsn into a pgx configuration with fwaudit's bounds. It
// returns the URL to show in messages too.
func pgConfig(dsn string, readOnly bool) (*pgx.ConnConfig, string, error) {
	if err := CheckDSN(dsn); err != nil {
		return nil, "", err
	}
	u, _ := url.Parse(dsn)
	q := u.Query()
	if q.Get("sslmode") == "" && os.Getenv("PGSSLMODE") == "" && !localHost(u, q) {
		// Off the machine, the server must prove who it is before it gets
		// a password (libpq's default, prefer, falls back to plain text).
		q.Set("sslmode", "verify-full")
		u.RawQuery = q.Encode()
	}
	shown := u.Redacted()
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", shown, err)
	}
	if pw := os.Getenv(PasswordEnv); pw != "" {
		cfg.Password = pw
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = pgConnectTimeout
	}
	setDefault(cfg.RuntimeParams, "statement_timeout", pgStatementTimeout)
	setDefault(cfg.RuntimeParams, "idle_in_transaction_session_timeout", pgIdleTxTimeout)
	setDefault(cfg.RuntimeParams, "application_name", "fwaudit")
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	return cfg, shown, nil
}

func setDefault(m map[string]string, k, v string) {
	if m[k] == "" {
		m[k] = v
	}
}

// localHost: a unix socket or a loopback address (no TLS needed by default).
func localHost(u *url.URL, q url.Values) bool {
	hosts := []string{u.Hostname()}
	if h := q.Get("host"); h != "" {
		hosts = strings.Split(h, ",")
	} else if u.Host == "" {
		return true // libpq's default: the local socket
	}
	for _, h := range hosts {
		if strings.HasPrefix(h, "/") || h == "localhost" {
			continue
		}
		if ip := net.ParseIP(h); ip == nil || !ip.IsLoopback() {
			return false
		}
	}
	return true
}

func openPostgres(ctx context.Context, dsn string, opts Options) (*Store, error) {
	cfg, shown, err := pgConfig(dsn, opts.ReadOnly)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &Store{path: shown, version: opts.ProgramVersion, d: dialectPostgres}
	if s.version == "" {
		s.version = "dev"
	}
	s.db = stdlib.OpenDB(*cfg)
	s.reads = &preparedDB{db: s.db} // pgx caches statements per connection itself
	s.db.SetMaxOpenConns(pgMaxConns)
	s.db.SetConnMaxIdleTime(time.Minute)
	if err := s.db.PingContext(ctx); err != nil {
		_ = s.db.Close()
		return nil, fmt.Errorf("open store %s: %w", shown, err)
	}
	if opts.ReadOnly {
		if err := s.checkReadable(ctx); err != nil {
			_ = s.Close()
			return nil, fmt.Errorf("open store %s: %w", shown, err)
		}
		return s, nil
	}
	if err := migrate(ctx, s.db, s.d); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("open store %s: %w", shown, err)
	}
	if err := s.markInterrupted(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// checkReadable: a reader needs a database some fwaudit already wrote, of
// a schema it knows.
func (s *Store) checkReadable(ctx context.Context) error {
	var exists bool
	if err := s.db.QueryRowContext(ctx, `SELECT to_regclass('schema_version') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if !exists {
		return fmt.Errorf("no fwaudit history in this database yet (a sweep creates it): %w", ErrNotFound)
	}
	var cur int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&cur); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if cur > SchemaVersion() {
		return fmt.Errorf("%w: database schema %d is newer than this program's %d; upgrade fwaudit", ErrSchema, cur, SchemaVersion())
	}
	return nil
}

func runKey(id int64) int32 { return int32(id & 0x7fffffff) }

// beginRunPostgres inserts the run and takes its session lock in the same
// transaction, so no other poller sees the run without the lock.
func (s *Store) beginRunPostgres(ctx context.Context, r Run) (Run, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return Run{}, fmt.Errorf("begin run: %w", err)
	}
	err = func() error {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback() }()
		if err := tx.QueryRowContext(ctx, `INSERT INTO runs (label, started_at, program_version) VALUES ($1, $2, $3) RETURNING id`,
			r.Label, fmtTime(r.StartedAt), s.version).Scan(&r.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, lockClassRun, runKey(r.ID)); err != nil {
			return err
		}
		return tx.Commit()
	}()
	if err != nil {
		dropConn(conn)
		return Run{}, fmt.Errorf("begin run: %w", err)
	}
	s.runs.add(r.ID, conn)
	return r, nil
}

// lockDevices takes lockDevice's lock for each of devices (sorted, so two
// batches never wait on each other in a cycle) in one round trip.
func (s *Store) lockDevices(ctx context.Context, tx *sql.Tx, devices []string) error {
	if !s.d.postgres() || len(devices) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext(d)) FROM unnest($2::text[]) WITH ORDINALITY AS t(d, n) ORDER BY n`,
		lockClassDevice, devices); err != nil {
		return fmt.Errorf("lock device chains: %w", err)
	}
	return nil
}

// lockDevice serializes chain writers of one device across pollers until
// the transaction ends. SQLite needs none: one writer holds the flock.
func (s *Store) lockDevice(ctx context.Context, tx *sql.Tx, device string) error {
	if !s.d.postgres() {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, lockClassDevice, device); err != nil {
		return fmt.Errorf("lock device chain: %w", err)
	}
	return nil
}
