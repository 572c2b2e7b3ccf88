package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/ingest"
	"fwaudit/internal/platform"
	"fwaudit/internal/store"
)

// TestSNMPVarbindsInTheChain: a sweep over SSH and SNMP keeps the SNMP
// answers as the snapshot's "snmpwalk" output (snmpwalk -On text),
// `fwaudit evidence` exports them, ingest of the export ignores them, and
// rewriting them in the store (body and its sha256 both, as an intruder
// would) is caught by `store verify` through the content digest.
func TestSNMPVarbindsInTheChain(t *testing.T) {
	_, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = []string{"lon-wan-02"}
	require.Equal(t, []string{"ROM-001"}, sweepRules(t, g)["lon-wan-02"])

	ctx := context.Background()
	st, err := store.Open(ctx, g.State, store.Options{ReadOnly: true})
	require.NoError(t, err)
	hist, err := st.History(ctx, "lon-wan-02", 0)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	outs, err := st.Outputs(ctx, hist[0].ID)
	require.NoError(t, err)
	require.NoError(t, st.Close())
	walk := outs[collect.SNMPOutputName]
	require.Contains(t, walk, ".1.3.6.1.2.1.1.5.0 = STRING: \"", "sysName")
	fwRev := `.1.3.6.1.2.1.47.1.1.1.1.9.` // entPhysicalFirmwareRev
	require.Contains(t, walk, fwRev)
	require.Contains(t, walk, `= STRING: "16.7(5r)"`, "the ROMMON as SNMP reported it")
	require.Contains(t, outs, "show version", "CLI outputs beside it")

	out := filepath.Join(t.TempDir(), "case")
	var stdout bytes.Buffer
	require.NoError(t, runEvidence(ctx, g.State, []string{"lon-wan-02"}, out, &stdout))
	exported, err := os.ReadFile(filepath.Join(out, "outputs", "lon-wan-02", "snmpwalk.txt"))
	require.NoError(t, err)
	require.Equal(t, walk, string(exported))
	devs, err := ingest.Load(filepath.Join(out, "outputs"))
	require.NoError(t, err)
	again, err := platform.CiscoIOSXE.Parse(devs[0].Outputs)
	require.NoError(t, err, "the platform parser ignores the SNMP output")
	require.NotEmpty(t, again.ROMMON)

	g.Output = "table"
	stdout.Reset()
	require.NoError(t, runStoreVerify(ctx, storeVerifyOptions{State: g.State, Output: outputOr(g.Output, "table")}, &stdout), stdout.String())

	forged := strings.ReplaceAll(walk, `"16.7(5r)"`, `"16.12(2r)"`)
	require.NotEqual(t, walk, forged)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, err = zw.Write([]byte(forged))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	sum := sha256.Sum256([]byte(forged))
	db, err := sql.Open("sqlite", "file:"+g.State)
	require.NoError(t, err)
	res, err := db.Exec(`UPDATE outputs SET body = ?, sha256 = ? WHERE command = ?`, gz.Bytes(), hex.EncodeToString(sum[:]), collect.SNMPOutputName)
	require.NoError(t, err)
	n, err := res.RowsAffected()
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	require.NoError(t, db.Close())

	stdout.Reset()
	err = runStoreVerify(ctx, storeVerifyOptions{State: g.State, Output: outputOr(g.Output, "table")}, &stdout)
	require.Equal(t, exitDrift, exitCode(err), "err: %v", err)
	require.Contains(t, stdout.String(), "(lon-wan-02): content digest")
}
