package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/report"
	"fwaudit/internal/store"
)

// historyGlobals are testGlobals with a fresh history store.
func historyGlobals(t *testing.T, dir string) testOptions {
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Baselines = iosxeBaselines(t)
	g.State = filepath.Join(t.TempDir(), "state.db")
	g.Output = "json"
	g.Devices = []string{"lon-wan-02", "dc1-core-rtr-01", "lon-acc-sw-01"}
	return g
}

// iosxeBaselines is a folder holding only the shipped IOS XE baseline (the
// lab's platform), so these tests do not depend on the other platforms' files.
func iosxeBaselines(t *testing.T) string {
	dir := t.TempDir()
	b, err := os.ReadFile("../../baselines/cisco_iosxe.yaml")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "cisco_iosxe.yaml"), b, 0o600))
	return dir
}

// sweepRules runs a sweep and returns each device's rule IDs.
func sweepRules(t *testing.T, g testOptions) map[string][]string {
	t.Helper()
	var out bytes.Buffer
	err := runSweepT(context.Background(), g, &out)
	require.NotEqual(t, exitUsage, exitCode(err), "err: %v", err)
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep), out.String())
	got := map[string][]string{}
	for _, d := range rep.Devices {
		require.Empty(t, d.Error, d.Name)
		got[d.Name] = []string{}
		for _, f := range d.Findings {
			got[d.Name] = append(got[d.Name], f.Rule)
		}
	}
	return got
}

// changeLab upgrades lon-wan-02's ROMMON to the approved 16.12(2r) and
// reloads dc1-core-rtr-01, as a maintenance would.
func changeLab(t *testing.T, l *lab.Lab) {
	require.NoError(t, l.Device("lon-wan-02").Update(func(s *lab.DeviceSpec) { s.ROMMON = "16.12(2r)" }))
	require.NoError(t, l.Device("dc1-core-rtr-01").Reload("Reload Command"))
}

func writeChanges(t *testing.T, body string) string {
	p := filepath.Join(t.TempDir(), "changes.yaml")
	require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	return p
}

// TestHistoryRulesAcrossSweeps: two sweeps around a ROMMON swap and a
// reload give ROM-002 and REL-001 without a change window, and nothing
// with one.
func TestHistoryRulesAcrossSweeps(t *testing.T) {
	window := func(start, end time.Time) string {
		return "changes:\n  - id: CHG-LAB\n    start: " + start.UTC().Format(time.RFC3339) + "\n    end: " + end.UTC().Format(time.RFC3339) +
			"\n    devices: [lon-wan-02]\n    roles: [core]\n    allow: [rommon, reload]\n"
	}
	tests := []struct {
		name    string
		changes string
		want    map[string][]string
	}{
		{"no-window", "", map[string][]string{"lon-wan-02": {"ROM-002"}, "dc1-core-rtr-01": {"REL-001"}, "lon-acc-sw-01": {}}},
		{"window-elsewhere-in-time", window(time.Now().Add(-72*time.Hour), time.Now().Add(-48*time.Hour)),
			map[string][]string{"lon-wan-02": {"ROM-002"}, "dc1-core-rtr-01": {"REL-001"}, "lon-acc-sw-01": {}}},
		{"window", window(time.Now().Add(-time.Hour), time.Now().Add(time.Hour)),
			map[string][]string{"lon-wan-02": {}, "dc1-core-rtr-01": {}, "lon-acc-sw-01": {}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, dir := startLab(t)
			g := historyGlobals(t, dir)
			if tc.changes != "" {
				g.Changes = writeChanges(t, tc.changes)
			}
			first := sweepRules(t, g)
			require.Equal(t, []string{"ROM-001"}, first["lon-wan-02"], "first sweep: baseline rules only")
			require.Empty(t, first["dc1-core-rtr-01"])

			changeLab(t, l)
			require.Equal(t, tc.want, sweepRules(t, g))

			st, err := store.Open(context.Background(), g.State, store.Options{ReadOnly: true})
			require.NoError(t, err)
			defer st.Close()
			hist, err := st.History(context.Background(), "lon-wan-02", 0)
			require.NoError(t, err)
			require.Len(t, hist, 2)
			require.Equal(t, hist[0].ID, hist[1].Parent)
			outs, err := st.Outputs(context.Background(), hist[1].ID)
			require.NoError(t, err)
			require.Contains(t, outs["show rom-monitor r0"], "16.12(2r)", "raw outputs kept with the snapshot")
		})
	}
}

// TestVerifyChange: the change record allows lon-wan-02's ROMMON upgrade
// (it passes) but not dc1-core-rtr-01's reload (flagged).
func TestVerifyChange(t *testing.T) {
	l, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = nil
	g.Output = "json"
	var out bytes.Buffer
	err := runSnapshotT(context.Background(), g, "CHG-7", []string{"lon-wan-02", "dc1-core-rtr-01"}, &out)
	require.Equal(t, exitDrift, exitCode(err), "lon-wan-02 has ROM-001: %v", err)

	changeLab(t, l)
	g.Changes = writeChanges(t, "changes:\n  - id: CHG-7\n    start: "+time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)+
		"\n    end: "+time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+"\n    devices: [lon-wan-02, dc1-core-rtr-01]\n    allow: [rommon]\n"+
		"  - id: CHG-8\n    start: 2020-01-01T00:00:00Z\n    end: 2099-01-01T00:00:00Z\n    devices: ['*']\n    allow: [reload]\n")
	out.Reset()
	err = runVerifyChangeT(context.Background(), g, "CHG-7", "CHG-7", &out)
	require.Equal(t, exitDrift, exitCode(err), "err: %v", err)
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	got := map[string][]string{}
	for _, d := range rep.Devices {
		got[d.Name] = []string{}
		for _, f := range d.Findings {
			got[d.Name] = append(got[d.Name], f.Rule)
		}
	}
	require.Equal(t, map[string][]string{"lon-wan-02": {}, "dc1-core-rtr-01": {"REL-001"}}, got,
		"only CHG-7 counts: CHG-8 would allow the reload, but it is not the change being verified")

	// The post-change snapshots are labelled, and diff shows the ROMMON change.
	g.Output = "json"
	out.Reset()
	err = runDiff(context.Background(), diffOptions{State: g.State, Output: outputOr(g.Output, "table")}, "lon-wan-02@CHG-7", "lon-wan-02@post:CHG-7", &out)
	require.Equal(t, exitDrift, exitCode(err))
	require.Contains(t, out.String(), `"field": "rommon"`)
	require.Contains(t, out.String(), "16.12(2r)")

	err = runVerifyChangeT(context.Background(), g, "CHG-7", "CHG-404", &out)
	require.Equal(t, exitUsage, exitCode(err))
	require.ErrorContains(t, err, `no change "CHG-404"`)
}

// TestSweepInterruptedLeavesStoreConsistent cancels a sweep once the
// first snapshot is committed: every visible snapshot is whole, the run is
// marked interrupted, and the next sweep works on the same store.
func TestSweepInterruptedLeavesStoreConsistent(t *testing.T) {
	_, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices, g.Workers = nil, 2
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		defer cancel()
		for ctx.Err() == nil {
			if countSnapshots(g.State) > 0 {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	err := runSweepT(ctx, g, &bytes.Buffer{})
	require.ErrorIs(t, err, context.Canceled)

	st, err := store.Open(context.Background(), g.State, store.Options{})
	require.NoError(t, err, "the lock was released")
	runs, err := st.Runs(context.Background())
	require.NoError(t, err)
	require.Equal(t, "interrupted", runs[0].Status)
	all, err := st.All(context.Background())
	require.NoError(t, err)
	require.NotEmpty(t, all)
	require.Less(t, len(all), 14, "the sweep was cut short")
	for _, s := range all {
		outs, err := st.Outputs(context.Background(), s.ID)
		require.NoError(t, err)
		require.NotEmpty(t, outs, "snapshot %d has its outputs", s.ID)
		require.NotEmpty(t, s.Facts.Model, "snapshot %d has its facts", s.ID)
	}
	probs, err := st.Verify(context.Background())
	require.NoError(t, err)
	require.Empty(t, probs)
	require.NoError(t, st.Close())

	g.Devices = []string{"lon-acc-sw-01"}
	require.Equal(t, exitOK, exitCode(runSweepT(context.Background(), g, &bytes.Buffer{})))
}

func countSnapshots(path string) int {
	st, err := store.Open(context.Background(), path, store.Options{ReadOnly: true})
	if err != nil {
		return 0
	}
	defer st.Close()
	all, _ := st.All(context.Background())
	return len(all)
}

// TestSweepLockedStore: a second run on a store another run holds stops
// with exit 2 and says why; with --lock-wait it waits.
func TestSweepLockedStore(t *testing.T) {
	_, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = []string{"lon-acc-sw-01"}
	holder, err := store.Open(context.Background(), g.State, store.Options{})
	require.NoError(t, err)

	err = runSweepT(context.Background(), g, &bytes.Buffer{})
	require.ErrorIs(t, err, store.ErrLocked)
	require.Equal(t, exitFailed, exitCode(err))
	require.Contains(t, err.Error(), "held by another fwaudit run")

	time.AfterFunc(300*time.Millisecond, func() { _ = holder.Close() })
	g.LockWait = 30 * time.Second
	require.Equal(t, exitOK, exitCode(runSweepT(context.Background(), g, &bytes.Buffer{})))
}

// TestHistoryCommand prints the timeline of a device after two sweeps.
func TestHistoryCommand(t *testing.T) {
	l, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = []string{"lon-wan-02"}
	sweepRules(t, g)
	changeLab(t, l)
	sweepRules(t, g)

	g.Output = "table"
	var out bytes.Buffer
	require.NoError(t, runHistory(context.Background(), historyOptions{State: g.State, Limit: 0, Output: outputOr(g.Output, "table")}, "lon-wan-02", &out))
	s := out.String()
	require.Contains(t, s, "16.7(5r)")
	require.Contains(t, s, "16.12(2r)")
	require.Contains(t, s, "ROM-001")
	require.Contains(t, s, "ROM-002")

	g.Output = "json"
	out.Reset()
	require.NoError(t, runHistory(context.Background(), historyOptions{State: g.State, Limit: 1, Output: outputOr(g.Output, "table")}, "lon-wan-02", &out))
	var doc struct {
		Snapshots []historyEntry `json:"snapshots"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &doc))
	require.Len(t, doc.Snapshots, 1, "--limit 1 keeps the newest")
	require.Equal(t, "ROM-002", doc.Snapshots[0].Findings)

	err := runHistory(context.Background(), historyOptions{State: g.State, Limit: 0, Output: outputOr(g.Output, "table")}, "nope", &out)
	require.ErrorIs(t, err, store.ErrNotFound)

	out.Reset()
	require.NoError(t, runStoreVerify(context.Background(), storeVerifyOptions{State: g.State, Output: outputOr(g.Output, "table")}, &out))
}
