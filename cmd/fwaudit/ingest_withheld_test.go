package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// TestIngestWithheldFact: saved outputs of a clean IOS XE device are
// clean offline; the same outputs without the device's verify /sha512
// answer are FACT-001 (the platform always gives its image hash), as in a
// live sweep. Config backups (RANCID, Oxidized) hold the backup tool's
// commands, not ours: no FACT-001 there.
func TestIngestWithheldFact(t *testing.T) {
	l, dir := startLab(t)
	d := l.Device("dc1-core-rtr-01")
	res := collectLabDevice(t, d, filepath.Join(dir, "known_hosts"))
	save := func(skip string) string {
		saved := t.TempDir()
		require.NoError(t, os.Mkdir(filepath.Join(saved, d.Name()), 0o700))
		for cmd, out := range res.Outputs {
			if skip != "" && strings.HasPrefix(cmd, skip) {
				continue
			}
			require.NoError(t, os.WriteFile(filepath.Join(saved, d.Name(), ingest.FileName(cmd)), []byte(out), 0o600))
		}
		return saved
	}
	withheld := func(t *testing.T, folder string, platformFlag string) []string {
		g := testGlobals(filepath.Join(dir, "inventory.yaml"))
		rep := ingestReport(t, g, ingestOptions{Platform: platformFlag}, folder, platformFlag == "")
		var got []string
		for _, dev := range rep.Devices {
			for _, f := range dev.Findings {
				if f.Rule == "FACT-001" {
					got = append(got, dev.Name+": "+f.Observed)
				}
			}
		}
		return got
	}
	require.Empty(t, withheld(t, save(""), ""), "every fact saved")
	require.Equal(t, []string{d.Name() + ": running image hash not reported"}, withheld(t, save("verify /sha512"), ""))
	require.Empty(t, withheld(t, "testdata/ingest", "cisco_ios"), "config backups are not our commands")
}

// TestIngestAdvisories: ingest reads the shipped advisory feed as sweep
// does (issue 13). The saved outputs of the lab's hq-fw-asa-01 (9.16(4)85,
// the first fixed release) give no ADV-001; the same outputs with show
// version saying 9.16(4)57, an affected release, give ADV-001 naming the
// advisory and the first fixed release; --advisories none turns the feed off.
func TestIngestAdvisories(t *testing.T) {
	l, dir := startLab(t)
	d := l.Device("hq-fw-asa-01")
	res := collectLabDevice(t, d, filepath.Join(dir, "known_hosts"))
	require.Contains(t, res.Outputs["show version"], "Version 9.16(4)85")
	save := func(release string) string {
		saved := t.TempDir()
		require.NoError(t, os.Mkdir(filepath.Join(saved, d.Name()), 0o700))
		for cmd, out := range res.Outputs {
			out = strings.ReplaceAll(out, "9.16(4)85", release)
			require.NoError(t, os.WriteFile(filepath.Join(saved, d.Name(), ingest.FileName(cmd)), []byte(out), 0o600))
		}
		return saved
	}
	advisories := func(t *testing.T, folder, feed string) []string {
		g := testGlobals(filepath.Join(dir, "inventory.yaml"))
		g.Advisories = feed
		rep := ingestReport(t, g, ingestOptions{}, folder, true)
		var got []string
		for _, dev := range rep.Devices {
			for _, f := range dev.Findings {
				if f.Rule == "ADV-001" {
					got = append(got, f.Observed+" | "+f.Expected+" | "+f.Evidence)
				}
			}
		}
		return got
	}
	require.Empty(t, advisories(t, save("9.16(4)85"), ""), "the first fixed release is not affected")
	got := advisories(t, save("9.16(4)57"), "")
	require.Len(t, got, 1)
	require.Contains(t, got[0], "cisco-er-asaftd-continued-attacks")
	require.Contains(t, got[0], "9.16.4.85")
	require.Empty(t, advisories(t, save("9.16(4)57"), "none"), "--advisories none: no feed")
}

// collectLabDevice collects d's outputs over SSH, as a sweep would, with
// the lab's credentials and the host keys pinned in knownHosts.
func collectLabDevice(t *testing.T, d *lab.Device, knownHosts string) collect.SSHResult {
	t.Helper()
	hk, err := hostkey.Open(knownHosts, hostkey.Strict)
	require.NoError(t, err)
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
	return res
}

// ingestReport runs fwaudit ingest of folder with g and returns its JSON
// report (the exit status is the callers' findings to judge, not this).
func ingestReport(t *testing.T, g testOptions, opts ingestOptions, folder string, useInventory bool) report.JSONReport {
	t.Helper()
	g.Output = "json"
	var out bytes.Buffer
	_ = runIngest(context.Background(), g.ingest(opts), g.root(), folder, useInventory, &out)
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep), out.String())
	return rep
}
