package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/ingest"
	"fwaudit/internal/lab"
	"fwaudit/internal/platform"
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

	hk, err := hostkey.Open(filepath.Join(dir, "known_hosts"), hostkey.Strict)
	require.NoError(t, err)
	saved := t.TempDir()
	for _, d := range l.Devices() {
		p, err := platform.Lookup(d.Spec().Platform)
		require.NoError(t, err)
		host, port, err := net.SplitHostPort(d.Addr())
		require.NoError(t, err)
		pn, err := strconv.Atoi(port)
		require.NoError(t, err)
		res, err := collect.CollectSSH(t.Context(), collect.Target{
			Name: d.Name(), Address: host, Port: pn, Platform: p, HostKeys: hk,
			Username: lab.DefaultUsername, Password: lab.DefaultPassword, EnableSecret: lab.DefaultEnableSecret,
			ConnectTimeout: 5 * time.Second, CommandTimeout: 10 * time.Second,
		}, nil)
		require.NoError(t, err, d.Name())
		require.NoError(t, os.Mkdir(filepath.Join(saved, d.Name()), 0o700))
		for cmd, out := range res.Outputs {
			require.NoError(t, os.WriteFile(filepath.Join(saved, d.Name(), ingest.FileName(cmd)), []byte(out), 0o600))
		}
	}

	var offline bytes.Buffer
	err = runIngest(context.Background(), g.ingest(ingestOptions{}), g.root(), saved, true, &offline)
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

// TestIngestBackupFiles audits RANCID and Oxidized backup files with
// --platform and no inventory: no baseline matches their models, so each
// gets BASE-001, and the RANCID one's 0xF config register is read.
func TestIngestBackupFiles(t *testing.T) {
	g := testGlobals("")
	g.Output = "json"
	var out bytes.Buffer
	err := runIngest(context.Background(), g.ingest(ingestOptions{Platform: "cisco_ios"}), g.root(), "testdata/ingest", false, &out)
	require.Contains(t, []int{exitOK, exitDrift}, exitCode(err), "err: %v", err)
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Len(t, rep.Devices, 3) // two backups + README.md (no show version: parse finding, not a crash)
	byName := map[string]report.JSONDevice{}
	for _, d := range rep.Devices {
		byName[d.Name] = d
	}
	require.Equal(t, "0xF", byName["rancid-c3750x"].Facts.Boot.ConfigRegister)
	require.Equal(t, "15.0(1r)M15", byName["oxidized-isr"].Facts.ROMMON[0].Version)
}

func TestIngestUsageErrors(t *testing.T) {
	g := testGlobals("")
	for name, tc := range map[string]struct {
		opts ingestOptions
		dir  string
	}{
		"unknown-platform": {ingestOptions{Platform: "cisco_ftd"}, "testdata/ingest"},
		"missing-dir":      {ingestOptions{}, "testdata/nope"},
		"empty-dir":        {ingestOptions{}, t.TempDir()},
	} {
		t.Run(name, func(t *testing.T) {
			err := runIngest(context.Background(), g.ingest(tc.opts), g.root(), tc.dir, false, &bytes.Buffer{})
			require.Equal(t, exitUsage, exitCode(err), "err: %v", err)
		})
	}
}
