package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/store"
	"fwaudit/internal/store/pgtest"
)

// listFindings runs `fwaudit findings --show SHOW -o json` and returns
// device → rule → finding.
func listFindings(t *testing.T, state, show string) map[string]map[string]audit.Finding {
	t.Helper()
	return findingsOf(t, state, show, time.Now())
}

// findingsAt is every finding as `fwaudit findings` would list it at now.
func findingsAt(t *testing.T, state string, now time.Time) map[string]map[string]audit.Finding {
	t.Helper()
	return findingsOf(t, state, "all", now)
}

func findingsOf(t *testing.T, state, show string, now time.Time) map[string]map[string]audit.Finding {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, runFindings(context.Background(), findingsOptions{State: state, Show: show, Output: "json"}, nil, now, &out))
	var got findingsJSON
	require.NoError(t, json.Unmarshal(out.Bytes(), &got), out.String())
	require.Equal(t, "fwaudit.findings/v1", got.Schema)
	m := map[string]map[string]audit.Finding{}
	for _, e := range got.Findings {
		if m[e.Device] == nil {
			m[e.Device] = map[string]audit.Finding{}
		}
		m[e.Device][e.Rule] = e.Finding
	}
	return m
}

// acceptT runs `fwaudit accept DEVICE --rule RULE --reason …` as of now.
func acceptT(t *testing.T, g testOptions, device, rule, until string, now time.Time) error {
	t.Helper()
	opts := acceptOptions{Rule: rule, Reason: "lab maintenance", Until: until, Ticket: "CHG-LAB"}
	opts.Inventory, opts.Baselines, opts.State = g.Inventory, g.Baselines, g.State
	var out bytes.Buffer
	err := runAccept(context.Background(), opts, g.root(), device, now, &out)
	if err == nil {
		require.Contains(t, out.String(), "accepted 1 finding(s) of "+rule+" on "+device)
	}
	return err
}

func verifyStore(t *testing.T, state string) {
	t.Helper()
	st, err := store.Open(context.Background(), state, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	probs, err := st.Verify(context.Background())
	require.NoError(t, err)
	require.Empty(t, probs, "store verify passes: acceptances are links of the chain")
}

// TestROM002OpenUntilAccepted: a ROMMON change outside any window is
// ROM-002 on the second sweep (new) and still on the third (open), although
// the previous snapshot already holds the new version; after accept it is
// gone and the new ROMMON is what later sweeps compare with. REL-001 of
// the reloaded router, not accepted, stays open. On both store backends.
func TestROM002OpenUntilAccepted(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			l, dir := startLab(t)
			g := historyGlobals(t, dir)
			if backend == "postgres" {
				pg := pgtest.Start(t)
				url, err := pg.CreateDB(context.Background(), "lifecycle")
				require.NoError(t, err)
				t.Setenv("PGPASSWORD", pg.Password)
				t.Setenv(store.PasswordEnv, "")
				g.State = url
			}
			sweepRules(t, g)
			changeLab(t, l)

			second := sweepRules(t, g)
			require.Equal(t, []string{"ROM-002"}, second["lon-wan-02"])
			fs := listFindings(t, g.State, "all")
			require.Equal(t, audit.StateNew, fs["lon-wan-02"]["ROM-002"].State)

			third := sweepRules(t, g)
			require.Equal(t, []string{"ROM-002"}, third["lon-wan-02"], "still reported on the third sweep")
			require.Equal(t, []string{"REL-001"}, third["dc1-core-rtr-01"], "the reload too")
			fs = listFindings(t, g.State, "open")
			require.Equal(t, audit.StateOpen, fs["lon-wan-02"]["ROM-002"].State)
			require.Contains(t, fs["lon-wan-02"]["ROM-002"].Evidence, "first snapshot, trusted as taken")
			require.Equal(t, audit.StateOpen, fs["dc1-core-rtr-01"]["REL-001"].State)

			require.NoError(t, acceptT(t, g, "lon-wan-02", "ROM-002", "", time.Now()))
			require.NotContains(t, listFindings(t, g.State, "open")["lon-wan-02"], "ROM-002")
			acc := listFindings(t, g.State, "accepted")["lon-wan-02"]["ROM-002"]
			require.NotNil(t, acc.Accepted)
			require.NotEmpty(t, acc.Accepted.By, "who accepted is recorded")
			require.Equal(t, "CHG-LAB", acc.Accepted.Ticket)
			verifyStore(t, g.State)

			fourth := sweepRules(t, g)
			require.Empty(t, fourth["lon-wan-02"], "accepted: the new ROMMON is trusted")
			require.Equal(t, []string{"REL-001"}, fourth["dc1-core-rtr-01"], "not accepted: still open")
			verifyStore(t, g.State)

			err := acceptT(t, g, "lon-acc-sw-01", "ROM-002", "", time.Now())
			require.Equal(t, exitUsage, exitCode(err), "nothing open to accept: %v", err)
		})
	}
}

// TestLOG001OpenUntilAccepted: a login from outside the management
// networks stays LOG-001 on every sweep, although the log line is older
// than the previous snapshot; an acceptance that expired reopens it; one
// for good closes it.
func TestLOG001OpenUntilAccepted(t *testing.T) {
	dir := startLogLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Baselines = iosxeBaselines(t)
	g.State = filepath.Join(t.TempDir(), "state.db")
	g.Output = "json"
	const dev = "nyc-acc-sw-09"

	require.Equal(t, []string{"LOG-001"}, sweepRules(t, g)[dev])
	require.Equal(t, []string{"LOG-001"}, sweepRules(t, g)[dev], "carried: the event is older than the previous snapshot")
	require.Equal(t, audit.StateOpen, listFindings(t, g.State, "open")[dev]["LOG-001"].State)

	// Accepted for an hour: accepted now, open again once the hour is over.
	until := time.Now().Add(time.Hour)
	require.NoError(t, acceptT(t, g, dev, "LOG-001", until.UTC().Format(time.RFC3339), time.Now()))
	require.Equal(t, []string{"LOG-001"}, sweepRules(t, g)[dev], "still reported, as accepted")
	held := listFindings(t, g.State, "accepted")[dev]["LOG-001"]
	require.Equal(t, audit.StateAccepted, held.State)
	require.True(t, held.Accepted.Until.Equal(until.Truncate(time.Second)))
	later := findingsAt(t, g.State, until.Add(time.Minute))
	require.Equal(t, audit.StateOpen, later[dev]["LOG-001"].State, "an expired acceptance reopens")

	require.NoError(t, acceptT(t, g, dev, "LOG-001", "", time.Now()))
	require.Empty(t, sweepRules(t, g)[dev], "accepted for good")
	verifyStore(t, g.State)
}

// TestAcceptRefusesBadUsage: unknown rule, no reason, a past --until, a
// device not in the inventory are usage errors (exit 3).
func TestAcceptRefusesBadUsage(t *testing.T) {
	dir := startLogLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.State = filepath.Join(t.TempDir(), "state.db")
	for name, opts := range map[string]acceptOptions{
		"unknown rule": {Rule: "ROM-999", Reason: "x"},
		"no reason":    {Rule: "LOG-001", Reason: " "},
		"past until":   {Rule: "LOG-001", Reason: "x", Until: "2020-01-01T00:00:00Z"},
		"bad until":    {Rule: "LOG-001", Reason: "x", Until: "tomorrow"},
	} {
		opts.Inventory, opts.State = g.Inventory, g.State
		err := runAccept(context.Background(), opts, g.root(), "nyc-acc-sw-09", time.Now(), &bytes.Buffer{})
		require.Equal(t, exitUsage, exitCode(err), "%s: %v", name, err)
	}
	opts := acceptOptions{Rule: "LOG-001", Reason: "x"}
	opts.Inventory, opts.State = g.Inventory, g.State
	err := runAccept(context.Background(), opts, g.root(), "not-a-device", time.Now(), &bytes.Buffer{})
	require.Equal(t, exitUsage, exitCode(err), "%v", err)
}

// TestREL001CrashOnFirstAudit: a device that crashed ("Kernel Panic") 31
// minutes ago, outside every change window, is REL-001 (raised to high) on
// its very first audit; one that booted 61 days ago, before the lookback,
// is not judged.
func TestREL001CrashOnFirstAudit(t *testing.T) {
	f := labtest.Fleet(t, `
defaults:
  platform: cisco_iosxe
  os_version: "17.09.04a"
  config_register: "0x2102"
  model: C9300-48P
  rommon: "17.9.1r[FC2]"
  image: cat9k_iosxe.17.09.04a.SPA.bin
  files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 8388608}]
devices:
  - {name: nyc-acc-sw-10, serial: FOC2318X0Z1, uptime: 31m, reload_reason: "Kernel Panic"}
  - {name: nyc-acc-sw-11, serial: FOC2318X0Z2, uptime: 61d}
`)
	l := labtest.StartFleet(t, f, lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	t.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	t.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Baselines = iosxeBaselines(t)
	g.State = filepath.Join(t.TempDir(), "state.db")
	g.Output = "json"

	got := sweepRules(t, g)
	require.Equal(t, []string{"REL-001"}, got["nyc-acc-sw-10"])
	require.Empty(t, got["nyc-acc-sw-11"])
	rel := listFindings(t, g.State, "open")["nyc-acc-sw-10"]["REL-001"]
	require.Equal(t, audit.High, rel.Severity, "a crash raises the severity")
	require.Contains(t, rel.Evidence, "first audit")
	require.Contains(t, rel.Evidence, "Kernel Panic")
	require.Equal(t, []string{"REL-001"}, sweepRules(t, g)["nyc-acc-sw-10"], "open until accepted")
}

// TestVerifyChangeMakesTheNewROMMONTrusted: a maintenance verified with
// verify-change leaves the upgraded ROMMON trusted, so later sweeps — even
// once the change record is gone from the file — raise no ROM-002, while
// the reload it did not allow stays REL-001 until accepted.
func TestVerifyChangeMakesTheNewROMMONTrusted(t *testing.T) {
	l, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = nil
	names := []string{"lon-wan-02", "dc1-core-rtr-01"}
	require.NotEqual(t, exitUsage, exitCode(runSnapshotT(context.Background(), g, "CHG-7", names, &bytes.Buffer{})))
	changeLab(t, l)
	g.Changes = writeChanges(t, "changes:\n  - id: CHG-7\n    start: "+time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)+
		"\n    end: "+time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+"\n    devices: [lon-wan-02, dc1-core-rtr-01]\n    allow: [rommon]\n")
	var out bytes.Buffer
	err := runVerifyChangeT(context.Background(), g, "CHG-7", "CHG-7", &out)
	require.Equal(t, exitDrift, exitCode(err), "the record allows the ROMMON, not the reload: %v", err)
	require.NotContains(t, out.String(), "ROM-002")

	g.Devices = names

	g.Changes = writeChanges(t, "changes: []\n")
	got := sweepRules(t, g)
	require.Empty(t, got["lon-wan-02"], "the new ROMMON is the trusted state")
	require.Equal(t, []string{"REL-001"}, got["dc1-core-rtr-01"], "the reload nobody allowed stays open")

	require.NoError(t, acceptT(t, g, "dc1-core-rtr-01", "REL-001", "", time.Now()))
	require.Empty(t, sweepRules(t, g)["dc1-core-rtr-01"])
	verifyStore(t, g.State)
}

// TestFindingsTable: the table lists state, age and the acceptance.
func TestFindingsTable(t *testing.T) {
	dir := startLogLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Baselines = iosxeBaselines(t)
	g.State = filepath.Join(t.TempDir(), "state.db")
	g.Output = "json"
	sweepRules(t, g)
	table := func(show string) string {
		var out bytes.Buffer
		require.NoError(t, runFindings(context.Background(), findingsOptions{State: g.State, Show: show, Output: "table"},
			[]string{"nyc-*"}, time.Now().Add(26*time.Hour), &out))
		return out.String()
	}
	require.Regexp(t, `nyc-acc-sw-09\s+LOG-001\s+high\s+new\s+\S+\s+1d2h\s+\S+\s+203\.0\.113\.66\s+-`, table("open"))
	require.NoError(t, acceptT(t, g, "nyc-acc-sw-09", "LOG-001", "", time.Now()))
	require.NotContains(t, table("open"), "LOG-001")
	require.Contains(t, table("accepted"), "ticket CHG-LAB: lab maintenance")

	err := runFindings(context.Background(), findingsOptions{State: g.State, Show: "all", Output: "table"}, []string{"nope-*"}, time.Now(), &bytes.Buffer{})
	require.ErrorIs(t, err, store.ErrNotFound, "a name that matches nothing is an error")
}
