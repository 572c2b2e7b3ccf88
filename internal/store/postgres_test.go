package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/store"
)

func TestCheckDSN(t *testing.T) {
	tests := []struct {
		name, dsn string
		wantErr   error
	}{
		{"no-password", "postgres://fwaudit@db.example.net:5432/fwaudit?sslmode=verify-full", nil},
		{"postgresql-scheme", "postgresql://fwaudit@db.example.net/fwaudit", nil},
		{"password-in-userinfo", "postgres://fwaudit:s3cret@db.example.net/fwaudit", store.ErrDSNPassword},
		{"empty-password", "postgres://fwaudit:@db.example.net/fwaudit", store.ErrDSNPassword},
		{"password-in-query", "postgres://fwaudit@db.example.net/fwaudit?sslmode=require&password=s3cret", store.ErrDSNPassword},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.True(t, store.IsPostgres(tc.dsn))
			err := store.CheckDSN(tc.dsn)
			if tc.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.wantErr)
			require.NotContains(t, err.Error(), "s3cret")
			_, err = store.Open(context.Background(), tc.dsn, store.Options{})
			require.ErrorIs(t, err, tc.wantErr, "Open refuses it before connecting")
			require.NotContains(t, err.Error(), "s3cret")
		})
	}
	require.False(t, store.IsPostgres("/var/lib/fwaudit/state.db"))
}

// TestPostgresWrongPassword: the password comes from the environment only,
// and a wrong one is an error that does not echo it.
func TestPostgresWrongPassword(t *testing.T) {
	loc := pgLocation(t)
	t.Setenv(store.PasswordEnv, "wrong-password")
	_, err := store.Open(context.Background(), loc, store.Options{})
	require.Error(t, err)
	require.NotContains(t, err.Error(), "wrong-password")
}

// TestPostgresConcurrentChains: two pollers (two open stores) write
// snapshots of the same devices at the same time. Each device's chain
// stays one line: every snapshot's parent is the one before it, and store
// verify finds nothing.
func TestPostgresConcurrentChains(t *testing.T) {
	ctx := context.Background()
	loc := pgLocation(t)
	const pollers, devices, rounds = 2, 3, 8
	stores := make([]*store.Store, pollers)
	runs := make([]store.Run, pollers)
	for i := range stores {
		stores[i] = openAt(t, loc)
		var err error
		runs[i], err = stores[i].BeginRun(ctx, "", time.Now())
		require.NoError(t, err)
	}
	require.NotEqual(t, runs[0].ID, runs[1].ID, "each poller has its own run")
	var wg sync.WaitGroup
	errs := make(chan error, pollers*devices*rounds)
	for p := range pollers {
		for d := range devices {
			wg.Go(func() {
				for range rounds {
					_, err := stores[p].Save(ctx, runs[p], record(fmt.Sprintf("r%d", d), "17.9.1r", time.Now()))
					errs <- err
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	for d := range devices {
		hist, err := stores[0].History(ctx, fmt.Sprintf("r%d", d), 0)
		require.NoError(t, err)
		require.Len(t, hist, pollers*rounds)
		for i := 1; i < len(hist); i++ {
			require.Equal(t, hist[i-1].ID, hist[i].Parent, "r%d: snapshot %d chains off its predecessor", d, hist[i].ID)
		}
	}
	probs, err := stores[1].Verify(ctx)
	require.NoError(t, err)
	require.Empty(t, probs)
}

// TestPostgresRunInProgressNotInterrupted: a second poller opening the
// store leaves the first poller's running run alone, but marks a run whose
// poller went away (closed without FinishRun) interrupted.
func TestPostgresRunInProgressNotInterrupted(t *testing.T) {
	ctx := context.Background()
	loc := pgLocation(t)
	busy := openAt(t, loc)
	running, err := busy.BeginRun(ctx, "shard-0", time.Now())
	require.NoError(t, err)

	gone, err := store.Open(ctx, loc, store.Options{})
	require.NoError(t, err)
	dead, err := gone.BeginRun(ctx, "shard-1", time.Now())
	require.NoError(t, err)
	require.NoError(t, gone.Close()) // no FinishRun: the poller died

	next := openAt(t, loc)
	status := map[int64]string{}
	all, err := next.Runs(ctx)
	require.NoError(t, err)
	for _, r := range all {
		status[r.ID] = r.Status
	}
	require.Equal(t, "running", status[running.ID])
	require.Equal(t, "interrupted", status[dead.ID])

	require.NoError(t, busy.FinishRun(ctx, running.ID, time.Now(), false))
	all, err = next.Runs(ctx)
	require.NoError(t, err)
	require.Equal(t, "finished", all[len(all)-1].Status)
}

// TestPostgresReadOnly: a reader needs a database a writer created, and
// cannot write.
func TestPostgresReadOnly(t *testing.T) {
	ctx := context.Background()
	loc := pgLocation(t)
	_, err := store.Open(ctx, loc, store.Options{ReadOnly: true})
	require.ErrorIs(t, err, store.ErrNotFound)
	require.ErrorContains(t, err, "no fwaudit history in this database yet")
	_ = openAt(t, loc) // creates the schema
	r, err := store.Open(ctx, loc, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer r.Close()
	_, err = r.BeginRun(ctx, "", time.Now())
	require.ErrorContains(t, err, "read-only")
	require.NotContains(t, r.Path(), "@127.0.0.1:0", "Path shows the URL")
	require.Contains(t, r.Path(), "postgres://fwaudit@127.0.0.1:")
}

// TestNewerSchemaRefused: a store written by a newer fwaudit is refused,
// by writers on both backends and by PostgreSQL readers.
func TestNewerSchemaRefused(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend, loc string) {
		ctx := context.Background()
		s, err := store.Open(ctx, loc, store.Options{})
		require.NoError(t, err)
		require.NoError(t, s.Close())
		b.exec(t, loc, `INSERT INTO schema_version (version) VALUES (99)`)
		_, err = store.Open(ctx, loc, store.Options{})
		require.ErrorIs(t, err, store.ErrSchema)
		if b.name == "postgres" {
			_, err = store.Open(ctx, loc, store.Options{ReadOnly: true})
			require.ErrorIs(t, err, store.ErrSchema)
		}
	})
}
