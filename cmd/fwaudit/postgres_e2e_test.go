package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/store"
	"fwaudit/internal/store/pgtest"
)

// TestShardedSweepsSharePostgres: two shards (--shard 0/2 and 1/2) sweep
// the lab fleet (four platforms) at the same time into one PostgreSQL store, twice, around a
// ROMMON swap and a reload. Their combined history is the one an unsharded
// sweep writes into another database: the same snapshots per device (facts
// and findings, ids and times aside), the history rules fired from the
// shared history, and store verify passes.
func TestShardedSweepsSharePostgres(t *testing.T) {
	ctx := context.Background()
	l, dir := startLab(t)
	pg := pgtest.Start(t)
	sharded, err := pg.CreateDB(ctx, "sharded")
	require.NoError(t, err)
	single, err := pg.CreateDB(ctx, "single")
	require.NoError(t, err)
	t.Setenv("PGPASSWORD", pg.Password) // the URL carries none
	t.Setenv(store.PasswordEnv, "")

	base := testGlobals(filepath.Join(dir, "inventory.yaml"))
	base.Output = "json"
	base.Devices = []string{"dc1-*", "lon-*", "ams-*"} // four platforms; the whole fleet only adds time
	sweepInto := func(state, shard string) error {
		g := base
		g.State, g.Shard, g.stderr = state, shard, &bytes.Buffer{}
		return runSweepT(ctx, g, &bytes.Buffer{})
	}
	shardedRound := func() {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for k := range 2 {
			wg.Go(func() { errs[k] = sweepInto(sharded, []string{"0/2", "1/2"}[k]) })
		}
		wg.Wait()
		for k, err := range errs {
			require.NotEqual(t, exitUsage, exitCode(err), "shard %d/2: %v", k, err)
			require.False(t, exitCode(err) == exitFailed && !isOutcome(err), "shard %d/2: %v", k, err)
		}
	}

	shardedRound()
	require.NotEqual(t, exitUsage, exitCode(sweepInto(single, "")))
	changeLab(t, l)
	shardedRound()
	require.NotEqual(t, exitUsage, exitCode(sweepInto(single, "")))

	want, wantRuns := storeContent(t, single)
	got, gotRuns := storeContent(t, sharded)
	require.Len(t, wantRuns, 2)
	require.Len(t, gotRuns, 4, "each shard's sweep is its own run")
	for _, r := range append(wantRuns, gotRuns...) {
		require.Equal(t, "finished", r.Status)
	}
	require.Greater(t, len(want), 8, "every selected device was swept")
	require.ElementsMatch(t, slices.Collect(maps.Keys(want)), slices.Collect(maps.Keys(got)))
	for dev, snaps := range want {
		require.Equal(t, snaps, got[dev], dev)
	}
	require.Contains(t, got["lon-wan-02"][1], `"rule":"ROM-002"`, "the second sharded sweep saw the first one's history")
	require.Contains(t, got["dc1-core-rtr-01"][1], `"rule":"REL-001"`)

	var out bytes.Buffer
	g := base
	g.State, g.Output = sharded, ""
	require.NoError(t, runStoreVerify(ctx, storeVerifyOptions{State: g.State, Output: outputOr(g.Output, "table")}, &out))
	require.Contains(t, out.String(), "every snapshot and chain link verified")
	require.NotContains(t, out.String(), pg.Password)
}

// uptimes are durations that grow between two sweeps (REL-001's "uptime ≥ 5136h0m4s").
var uptimes = regexp.MustCompile(`\d+h\d+m\d+s`)

// storeContent is each device's snapshots, oldest first, as comparable
// text: status, facts and findings without ids, times and the uptime
// counters that grow between two sweeps.
func storeContent(t *testing.T, state string) (map[string][]string, []store.Run) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, state, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	runs, err := st.Runs(ctx)
	require.NoError(t, err)
	all, err := st.All(ctx)
	require.NoError(t, err)
	out := map[string][]string{}
	for _, sn := range all {
		f := sn.Facts
		f.UptimeSeconds = 0
		if f.SNMP != nil {
			s := *f.SNMP
			s.SysUpTimeSeconds, s.EngineTimeSeconds = 0, 0
			f.SNMP = &s
		}
		findings := slices.Clone(sn.Findings)
		for i, f := range findings {
			findings[i].Evidence = ""                                              // carries uptimes and times
			findings[i].FirstSeen, findings[i].LastSeen = time.Time{}, time.Time{} // the lifecycle's times
			findings[i].Expected = uptimes.ReplaceAllString(f.Expected, "DURATION")
			findings[i].Observed = uptimes.ReplaceAllString(f.Observed, "DURATION")
		}
		b, err := json.Marshal(map[string]any{"status": sn.Status, "error": sn.Error, "facts": f, "findings": findings})
		require.NoError(t, err)
		out[sn.Device] = append(out[sn.Device], string(b))
	}
	return out, runs
}

// TestStatePasswordInURLRefused: a postgres:// --state with a password is
// bad usage, refused before anything connects, and the password is not
// repeated.
func TestStatePasswordInURLRefused(t *testing.T) {
	_, dir := startLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	for _, state := range []string{
		"postgres://fwaudit:hunter2-secret@127.0.0.1:1/fwaudit",
		"postgresql://fwaudit@127.0.0.1:1/fwaudit?password=hunter2-secret",
	} {
		g.State = state
		for name, run := range map[string]func() error{
			"sweep": func() error { return runSweepT(context.Background(), g, &bytes.Buffer{}) },
			"store-verify": func() error {
				return runStoreVerify(context.Background(), storeVerifyOptions{State: g.State, Output: outputOr(g.Output, "table")}, &bytes.Buffer{})
			},
		} {
			err := run()
			require.Equal(t, exitUsage, exitCode(err), "%s: %v", name, err)
			require.ErrorIs(t, err, store.ErrDSNPassword)
			require.ErrorContains(t, err, "must not contain a password")
			require.False(t, strings.Contains(err.Error(), "hunter2"), "%s repeats the password: %v", name, err)
		}
	}
}
