package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestStoreVerifyHeads: after two real sweeps, `store heads` is kept
// elsewhere; then the intruder deletes lon-wan-02's newest snapshot and
// dc1-core-rtr-01's whole history. store verify alone passes (the attack);
// store verify --heads exits 1 naming both devices.
func TestStoreVerifyHeads(t *testing.T) {
	_, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = []string{"lon-wan-02", "dc1-core-rtr-01"}
	sweepRules(t, g)
	sweepRules(t, g)

	var stmt bytes.Buffer
	require.NoError(t, runStoreHeads(context.Background(), storeHeadsOptions{State: g.State, Output: "json"}, &stmt))
	heads := filepath.Join(t.TempDir(), "heads.json")
	require.NoError(t, os.WriteFile(heads, stmt.Bytes(), 0o600))
	var out bytes.Buffer
	require.NoError(t, runStoreVerify(context.Background(), storeVerifyOptions{State: g.State, Output: "table", Heads: heads}, &out),
		"an untouched store matches its statement: %s", out.String())

	db, err := sql.Open("sqlite", "file:"+g.State)
	require.NoError(t, err)
	for _, q := range []string{
		`DELETE FROM outputs WHERE snapshot_id = (SELECT MAX(id) FROM snapshots WHERE device = 'lon-wan-02')`,
		`DELETE FROM snapshots WHERE id = (SELECT MAX(id) FROM snapshots WHERE device = 'lon-wan-02')`,
		`DELETE FROM outputs WHERE snapshot_id IN (SELECT id FROM snapshots WHERE device = 'dc1-core-rtr-01')`,
		`DELETE FROM acceptances WHERE device = 'dc1-core-rtr-01'`,
		`DELETE FROM snapshots WHERE device = 'dc1-core-rtr-01'`,
	} {
		_, err = db.Exec(q)
		require.NoError(t, err, q)
	}
	require.NoError(t, db.Close())

	out.Reset()
	require.NoError(t, runStoreVerify(context.Background(), storeVerifyOptions{State: g.State, Output: "table"}, &out),
		"the attack: the chains alone still verify")

	out.Reset()
	err = runStoreVerify(context.Background(), storeVerifyOptions{State: g.State, Output: "table", Heads: heads}, &out)
	require.Equal(t, exitDrift, exitCode(err), "err: %v", err)
	require.Contains(t, out.String(), "(lon-wan-02): the newest snapshot is")
	require.Contains(t, out.String(), "(dc1-core-rtr-01): no snapshot of the device in the store")
}

// TestSweepHeadsOut: the sweep writes the statement itself, and the store
// it leaves matches it.
func TestSweepHeadsOut(t *testing.T) {
	_, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = []string{"lon-wan-02"}
	heads := filepath.Join(t.TempDir(), "heads.json")
	opts := sweepOptions{auditFlags: g.audit("table"), selectFlags: g.selectFlags, HeadsOut: heads}
	require.Equal(t, exitDrift, exitCode(runSweep(context.Background(), opts, g.root(), &bytes.Buffer{})))
	st, err := os.Stat(heads)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	var out bytes.Buffer
	require.NoError(t, runStoreVerify(context.Background(), storeVerifyOptions{State: g.State, Output: "table", Heads: heads}, &out), out.String())

	opts.State = "none"
	require.Equal(t, exitUsage, exitCode(runSweep(context.Background(), opts, g.root(), &bytes.Buffer{})), "no store: nothing to state")
}
