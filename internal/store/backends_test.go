package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/store"
	"fwaudit/internal/store/pgtest"
)

// One PostgreSQL cluster for the package's tests; each test gets its own
// database in it.
var (
	pgServer *pgtest.Server
	pgErr    error
	pgDBs    atomic.Int64
)

func TestMain(m *testing.M) {
	pgServer, pgErr = pgtest.Launch(context.Background())
	if pgErr == nil {
		// The store reads its password from the environment, never the URL.
		os.Setenv(store.PasswordEnv, pgServer.Password)
	}
	code := m.Run()
	if pgServer != nil {
		pgServer.Stop()
	}
	os.Exit(code)
}

// backend is one SQL backend under test: where a fresh store lives, and how
// to run SQL on it behind the store's back.
type backend struct {
	name string
	// location returns a new, empty store location: a file or a URL.
	location func(tb testing.TB) string
	// exec runs a statement on the store at loc, bypassing it.
	exec func(t *testing.T, loc, stmt string)
}

var sqliteBackend = backend{
	name:     "sqlite",
	location: func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "state.db") },
	exec: func(t *testing.T, loc, stmt string) {
		db, err := sql.Open("sqlite", "file:"+loc)
		require.NoError(t, err)
		defer db.Close()
		_, err = db.Exec(stmt)
		require.NoError(t, err)
	},
}

var postgresBackend = backend{
	name:     "postgres",
	location: pgLocation,
	exec: func(t *testing.T, loc, stmt string) {
		ctx := context.Background()
		conn, err := pgServer.Connect(ctx, pgDBName(loc))
		require.NoError(t, err)
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, stmt)
		require.NoError(t, err)
	},
}

var backends = []backend{sqliteBackend, postgresBackend}

// pgLocation is the URL of a new database in the shared cluster.
func pgLocation(t testing.TB) string {
	t.Helper()
	if errors.Is(pgErr, pgtest.ErrMissing) {
		pgtest.SkipOrFail(t, pgErr)
	}
	require.NoError(t, pgErr, "start PostgreSQL")
	url, err := pgServer.CreateDB(context.Background(), fmt.Sprintf("t%d", pgDBs.Add(1)))
	require.NoError(t, err)
	return url
}

func pgDBName(url string) string {
	_, rest, _ := strings.Cut(url, "127.0.0.1:")
	_, db, _ := strings.Cut(rest, "/")
	db, _, _ = strings.Cut(db, "?")
	return db
}

// forEachBackend runs f once per backend, each on a fresh store location.
func forEachBackend(t *testing.T, f func(t *testing.T, b backend, loc string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { f(t, b, b.location(t)) })
	}
}

// openAt opens the store at loc for writing and closes it at cleanup.
// openWithRun opens the store at loc and begins a run at at.
func openWithRun(t *testing.T, loc string, at time.Time) (*store.Store, store.Run) {
	t.Helper()
	s := openAt(t, loc)
	run, err := s.BeginRun(context.Background(), "", at)
	require.NoError(t, err)
	return s, run
}

func openAt(t *testing.T, loc string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), loc, store.Options{ProgramVersion: "test"})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}
