package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/golden"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/report"
	"fwaudit/internal/reportschema"
)

const fleetFile = "../../testdata/lab/fleet.yaml"

// startLab starts the shipped lab fleet, writes its inventory and
// known_hosts into a temp dir and provides the lab credentials via env.
func startLab(t *testing.T) (*lab.Lab, string) {
	t.Helper()
	l := labtest.Start(t, fleetFile)
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	t.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	t.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	return l, dir
}

// TestSweepLabEndToEnd sweeps the shipped fleet over real SSH with the
// shipped baselines: every drifted device gets exactly its finding, clean
// devices get none, and the JSON follows fwaudit.report/v2 (golden file, schema).
func TestSweepLabEndToEnd(t *testing.T) {
	_, dir := startLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Output = "json"
	var out bytes.Buffer
	err := runSweepT(context.Background(), g, &out)
	require.Equal(t, exitDrift, exitCode(err), "err: %v", err)

	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Equal(t, report.Schema, rep.Schema)
	reportschema.Validate(t, out.Bytes())

	want := map[string][]string{
		"lon-wan-02":      {"ROM-001"},
		"fra-acc-sw-03":   {"IMG-002"},
		"nyc-wan-rtr-01":  {"BOOT-001"},
		"sin-edge-rtr-02": {"BOOT-002"},
		"nyc-acc-sw-01":   {"LOG-001"}, // show logging: an SCP session from 203.0.113.66
		// other platforms (issue 3): boot-firmware drift on each
		"dc1-leaf-nx-02":   {"ROM-001"},
		"dc1-spine-eos-02": {"ROM-001"},
		"ams-edge-mx-02":   {"ROM-001"},
		"par-core-xr-02":   {"ROM-001"},
		// classic IOS: an unapproved ROMMON running from the Upgrade region
		"mad-br-isr-02": {"ROM-001", "ROM-005"},
		// Cisco ASA (issue 13): end-of-support hardware without Secure Boot; a fixed release's firmware_update.log
		"dmz-fw-asa-03": {"HW-001"},
		"vpn-fw-asa-04": {"ROM-006"},
	}
	require.Len(t, rep.Devices, 28)
	for _, d := range rep.Devices {
		var got []string
		for _, f := range d.Findings {
			got = append(got, f.Rule)
		}
		if rules, drifted := want[d.Name]; drifted {
			require.Equal(t, rules, got, d.Name)
			require.Equal(t, report.StatusDrift, d.Status, d.Name)
		} else {
			require.Empty(t, got, d.Name)
			require.Equal(t, report.StatusClean, d.Status, d.Name)
		}
		require.Empty(t, d.Error, d.Name)
		require.NotEmpty(t, d.Facts.ROMMON, d.Name)
		if d.Platform == "cisco_iosxe" || d.Platform == "cisco_ios" || d.Platform == "cisco_asa" { // the others have no on-box verify follow-up yet
			require.NotEmpty(t, d.Facts.ImageHashes, d.Name)
		}
		require.Regexp(t, `^SHA256:`, d.Facts.HostKeySHA256, d.Name)
		if d.Platform == "cisco_asa" { // the report says which security context was read
			require.NotNil(t, d.Facts.Firewall, d.Name)
			want := report.JSONFirewall{ContextMode: "single"}
			if d.Name == "hq-fw-asa-02" {
				want = report.JSONFirewall{ContextMode: "multiple", Context: "system"}
			}
			require.Equal(t, want, *d.Facts.Firewall, d.Name)
		}
	}
	require.Equal(t, report.Summary{Devices: 28, Clean: 16, Drift: 12, Escalate: 12, New: 13}, rep.Summary)

	// The whole document, with the run-specific values blanked, is a golden file.
	clearRunTimes(&rep)
	for i := range rep.Devices {
		rep.Devices[i].Address = ""
		rep.Devices[i].Facts.UptimeSeconds = 0 // the lab's clock moves
	}
	golden.AssertJSON(t, "testdata/sweep-lab.golden.json", rep)
}

// TestAuditShowsEvidence runs `fwaudit audit NAME` for one drifted device.
func TestAuditShowsEvidence(t *testing.T) {
	_, dir := startLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	var out bytes.Buffer
	err := runAuditT(context.Background(), g, []string{"lon-wan-02"}, &out)
	require.Equal(t, exitDrift, exitCode(err))
	s := out.String()
	for _, want := range []string{"lon-wan-02", "ROM-001", "16.7(5r)", "16.12(2r)", "escalate", "show rom-monitor r0", "T1542.004"} {
		require.Contains(t, s, want)
	}
	require.NotContains(t, s, "fra-acc-sw-03", "audit NAME must audit only NAME")
}

// TestSweepSelection checks --device globs and --filter against the lab.
func TestSweepSelection(t *testing.T) {
	_, dir := startLab(t)
	tests := []struct {
		name    string
		devices []string
		filter  string
		want    []string
	}{
		{"glob", []string{"sin-*"}, "", []string{"sin-edge-rtr-01", "sin-edge-rtr-02"}},
		{"filter-site-role", nil, "site=dc1,role=core", []string{"dc1-core-rtr-01", "dc1-core-rtr-02"}},
		{"filter-tag", nil, "tag=pci", []string{"dc1-core-rtr-01", "dc1-core-rtr-02", "nyc-wan-rtr-01"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := testGlobals(filepath.Join(dir, "inventory.yaml"))
			g.Output, g.Devices, g.Filter = "json", tc.devices, tc.filter
			var out bytes.Buffer
			_ = runSweepT(context.Background(), g, &out)
			var rep report.JSONReport
			require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
			var got []string
			for _, d := range rep.Devices {
				got = append(got, d.Name)
			}
			slices.Sort(got)
			require.Equal(t, tc.want, got)
		})
	}
}

// TestHostKeyChangedNoCredentials: a device whose key changed gets SSH-001,
// and the lab saw no authentication attempt at all.
func TestHostKeyChangedNoCredentials(t *testing.T) {
	l, dir := startLab(t)
	victim := l.Device("dc1-core-rtr-01")
	victim.RotateHostKey()
	before := victim.AuthAttempts()

	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Output, g.Devices = "json", []string{"dc1-core-rtr-01"}
	var out bytes.Buffer
	err := runSweepT(context.Background(), g, &out)
	require.Equal(t, exitDrift, exitCode(err))
	require.Equal(t, before, victim.AuthAttempts(), "credentials must not be offered to a changed host key")

	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Len(t, rep.Devices, 1)
	d := rep.Devices[0]
	require.Len(t, d.Findings, 1)
	require.Equal(t, "SSH-001", d.Findings[0].Rule)
	require.Equal(t, "critical", d.Findings[0].Severity)
	require.Contains(t, d.Error, "credentials were not sent")
	require.Regexp(t, `^SHA256:`, d.Facts.HostKeySHA256)
}
