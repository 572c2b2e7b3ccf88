package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/ingest"
	"fwaudit/internal/report"
)

// TestIngestEqualsLive collects every lab device's outputs over SSH with
// collect.CollectSSH, saves them one file per command, ingests the folder
// and requires the same findings per device as a live sweep of the lab.
func TestIngestEqualsLive(t *testing.T) {
	l, dir := startLab(t)
	inv := filepath.Join(dir, "inventory.yaml")
	g := testGlobals(inv)
	g.Output = "json"

	var live bytes.Buffer
	require.Equal(t, exitDrift, exitCode(runSweepT(context.Background(), g, &live)))

	saved := t.TempDir()
	for _, d := range l.Devices() {
		res := collectLabDevice(t, d, filepath.Join(dir, "known_hosts"))
		require.NoError(t, os.Mkdir(filepath.Join(saved, d.Name()), 0o700))
		for cmd, out := range res.Outputs {
			require.NoError(t, os.WriteFile(filepath.Join(saved, d.Name(), ingest.FileName(cmd)), []byte(out), 0o600))
		}
	}

	var offline bytes.Buffer
	err := runIngest(context.Background(), g.ingest(ingestOptions{}), g.root(), saved, true, &offline)
	require.Equal(t, exitDrift, exitCode(err), "err: %v", err)

	require.Equal(t, findingsByDevice(t, live.Bytes()), findingsByDevice(t, offline.Bytes()))
}

func findingsByDevice(t *testing.T, js []byte) map[string][]string {
	t.Helper()
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(js, &rep))
	out := map[string][]string{}
	for _, d := range rep.Devices {
		require.Empty(t, d.Error, d.Name)
		rules := []string{}
		for _, f := range d.Findings {
			rules = append(rules, f.Rule+" "+f.Observed)
		}
		out[d.Name] = rules
	}
	require.Len(t, out, 28)
	return out
}

// TestIngestBackupFiles audits RANCID and Oxidized backups (testdata/ingest/saved:
// Oxidized's group/device layout, RANCID's group/configs/device) as a live
// sweep would: each format's facts are read from its comment lines and
// judged against a baseline approving them (quiet) or approving other boot
// firmware (fire). A fact the format drops (Oxidized's ios model drops
// BOOTLDR and the configuration register, its junos model runs no show
// chassis firmware) leaves the device unassessed with that reason, never
// clean. Expected statuses are hand-written from the fixtures.
func TestIngestBackupFiles(t *testing.T) {
	type want struct {
		status report.Status
		rules  []string // rule IDs that must be among the findings
		reason string   // part of the unassessed reason
		none   []string // rule IDs that must not be among the findings
	}
	tests := []struct {
		baselines string
		devices   map[string]want
	}{
		{"testdata/ingest/approve", map[string]want{
			"stud-adsl":         {status: report.StatusUnassessed, reason: "configuration register (Oxidized's ios model drops"},
			"c9500-core":        {status: report.StatusUnassessed, reason: "ROMMON / boot loader version (Oxidized's ios model keeps only"},
			"N9K1":              {status: report.StatusUnassessed, reason: "boot variable or configuration register"},
			"asxx.xx.xx":        {status: report.StatusUnassessed, reason: "runs no show chassis firmware"},
			"rancid/stud-adsl":  {status: report.StatusClean},
			"rancid/c9500-core": {status: report.StatusClean},
		}},
		{"testdata/ingest/drift", map[string]want{
			"stud-adsl":         {status: report.StatusDrift, rules: []string{"ROM-001"}},
			"c9500-core":        {status: report.StatusUnassessed, reason: "ROMMON / boot loader version"},
			"N9K1":              {status: report.StatusDrift, rules: []string{"ROM-001"}},
			"asxx.xx.xx":        {status: report.StatusDrift, rules: []string{"IMG-001"}},
			"rancid/stud-adsl":  {status: report.StatusDrift, rules: []string{"ROM-001"}},
			"rancid/c9500-core": {status: report.StatusDrift, rules: []string{"ROM-001"}},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.baselines), func(t *testing.T) {
			for _, dir := range []string{"oxidized", "rancid/configs"} {
				g := testGlobals("")
				g.Output, g.Baselines = "json", tc.baselines
				var out bytes.Buffer
				err := runIngest(context.Background(), g.ingest(ingestOptions{}), g.root(), filepath.Join("testdata/ingest/saved", dir), false, &out)
				require.Contains(t, []int{exitOK, exitDrift, exitFailed}, exitCode(err), "err: %v", err)
				var rep report.JSONReport
				require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
				require.Len(t, rep.Devices, 2+2*btoi(dir == "oxidized"), "group folders are not devices")
				for _, d := range rep.Devices {
					key := d.Name
					if dir != "oxidized" {
						key = "rancid/" + d.Name
					}
					w, ok := tc.devices[key]
					require.True(t, ok, "unexpected device %q", key)
					require.Equal(t, w.status, d.Status, "%s: reason %q findings %v", key, d.Reason, d.Findings)
					require.Contains(t, d.Reason, w.reason, key)
					var rules []string
					for _, f := range d.Findings {
						rules = append(rules, f.Rule)
					}
					for _, r := range w.rules {
						require.Contains(t, rules, r, key)
					}
					for _, r := range w.none {
						require.NotContains(t, rules, r, key)
					}
				}
			}
		})
	}
}

// TestIngestOxidizedConfigRegister: with a config-register line in the
// saved configuration the Oxidized IOS backup is assessed, clean against
// the baseline that approves it and ROM-001 against the other.
func TestIngestOxidizedConfigRegister(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/ingest/saved/oxidized/ios/stud-adsl")
	require.NoError(t, err)
	b = bytes.Replace(b, []byte("boot-end-marker\n"), []byte("boot-end-marker\nconfig-register 0x2102\n"), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "stud-adsl"), b, 0o600))
	for baselines, want := range map[string]report.Status{"testdata/ingest/approve": report.StatusClean, "testdata/ingest/drift": report.StatusDrift} {
		g := testGlobals("")
		g.Output, g.Baselines = "json", baselines
		var out bytes.Buffer
		err := runIngest(context.Background(), g.ingest(ingestOptions{}), g.root(), dir, false, &out)
		require.Contains(t, []int{exitOK, exitDrift, exitFailed}, exitCode(err), "err: %v", err)
		var rep report.JSONReport
		require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
		require.Len(t, rep.Devices, 1)
		require.Equal(t, want, rep.Devices[0].Status, "%s: %s %v", baselines, rep.Devices[0].Reason, rep.Devices[0].Findings)
		require.Equal(t, "0x2102", rep.Devices[0].Facts.Boot.ConfigRegister)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestIngestUsageErrors(t *testing.T) {
	g := testGlobals("")
	for name, tc := range map[string]struct {
		opts ingestOptions
		dir  string
	}{
		"unknown-platform": {ingestOptions{Platform: "cisco_ftd"}, "testdata/ingest/saved/oxidized"},
		"missing-dir":      {ingestOptions{}, "testdata/nope"},
		"empty-dir":        {ingestOptions{}, t.TempDir()},
	} {
		t.Run(name, func(t *testing.T) {
			err := runIngest(context.Background(), g.ingest(tc.opts), g.root(), tc.dir, false, &bytes.Buffer{})
			require.Equal(t, exitUsage, exitCode(err), "err: %v", err)
		})
	}
}
