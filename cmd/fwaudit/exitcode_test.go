package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/inventory"
	"fwaudit/internal/report"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, exitOK},
		{"clean-run", outcome(report.Summary{Devices: 3, Clean: 3}), exitOK},
		{"drift", outcome(report.Summary{Devices: 3, Drift: 1, Clean: 2}), exitDrift},
		{"errors-only", outcome(report.Summary{Devices: 3, Error: 1, Clean: 2}), exitFailed},
		{"drift-outranks-errors", outcome(report.Summary{Devices: 3, Drift: 1, Error: 2}), exitDrift},
		{"unassessed-only", outcome(report.Summary{Devices: 3, Unassessed: 1, Clean: 2}), exitFailed},
		{"drift-outranks-unassessed", outcome(report.Summary{Devices: 3, Drift: 1, Unassessed: 1}), exitDrift},
		{"usage", usageErrorf("--workers: must be at least 1"), exitUsage},
		{"config", configError(errors.New("open inventory/: no such file")), exitUsage},
		{"inventory-invalid", fmt.Errorf("load: %w", inventory.ErrInvalid), exitUsage},
		{"baseline-invalid", fmt.Errorf("load: %w", baseline.ErrInvalid), exitUsage},
		// pipeline.LoadInventory wraps every load error in configError: an
		// outage of the inventory source still exits 2, not 3.
		{"inventory-source-unavailable", configError(fmt.Errorf("netbox: %w", inventory.ErrSourceUnavailable)), exitFailed},
		{"interrupted", fmt.Errorf("interrupted: %w", context.Canceled), exitFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, exitCode(tc.err))
		})
	}
}

// TestExecuteUsageErrors runs the real command line for bad usage and
// checks exit code 3 and a message that names the problem.
func TestExecuteUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("devices:\n  - name: r1\n    address: 192.0.2.1\n    platform: cisco_ioss\n"), 0o600))
	t.Setenv("FWAUDIT_TEST_PW", "not-a-real-password")
	good := filepath.Join(dir, "good.yaml")
	require.NoError(t, os.WriteFile(good, []byte("defaults: {credentials: lab}\ncredentials:\n  lab: {username: u, password_env: FWAUDIT_TEST_PW}\ndevices:\n  - {name: r1, address: 192.0.2.1, platform: cisco_ios}\n  - {name: r2, address: 192.0.2.2, platform: cisco_ios}\n"), 0o600))
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"unknown-flag", []string{"sweep", "--bogus"}, "unknown flag: --bogus"},
		{"bad-output", []string{"sweep", "-o", "xml", "-i", bad}, `"xml" is not one of table, json, json-v1, csv, markdown, html`},
		{"fail-on-info", []string{"sweep", "--fail-on", "info", "-i", bad}, `"info" is not one of critical, high, medium, low`},
		{"history-has-no-markdown", []string{"history", "r1", "-o", "markdown"}, `"markdown" is not one of table, json`},
		{"unknown-command", []string{"swep"}, `unknown command "swep" for "fwaudit"`},
		{"unknown-command-suggests", []string{"swep"}, "did you mean sweep?"},
		{"unknown-store-command", []string{"store", "verfiy"}, `unknown command "verfiy" for "fwaudit store"`},
		{"unknown-hostkey-command", []string{"hostkey", "shwo"}, `unknown command "shwo" for "fwaudit hostkey"`},
		{"unknown-completion-shell", []string{"completion", "foo"}, `unknown command "foo" for "fwaudit completion"`},
		{"version-takes-no-sweep-flags", []string{"version", "--workers", "0"}, "unknown flag: --workers"},
		{"history-takes-no-device", []string{"history", "r1", "--device", "x"}, "unknown flag: --device"},
		{"diff-takes-no-inventory", []string{"diff", "1", "2", "--inventory", bad}, "unknown flag: --inventory"},
		{"logs-sends-no-syslog", []string{"logs", "x.log", "--syslog", "udp://127.0.0.1:514"}, "unknown flag: --syslog"},
		{"names-and-device", []string{"snapshot", "--label", "x", "--state", filepath.Join(dir, "s.db"), "-i", good, "r1", "--device", "r2"}, "device names and --device select differently"},
		{"bad-workers", []string{"sweep", "--workers", "0"}, "--workers: must be at least 1"},
		{"missing-inventory", []string{"sweep", "-i", filepath.Join(dir, "nope")}, "nope"},
		{"invalid-inventory", []string{"sweep", "-i", bad}, `platform: unknown "cisco_ioss"`},
		{"audit-needs-name", []string{"audit"}, "requires at least 1 arg"},
		{"bad-log-level", []string{"sweep", "--log-level", "loud"}, "--log-level"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := execute(context.Background(), tc.args, &stdout, &stderr)
			require.Equal(t, exitUsage, code, "stderr: %s", stderr.String())
			require.Contains(t, stderr.String(), tc.msg)
			require.Empty(t, stdout.String(), "nothing but the report goes to stdout")
		})
	}
}

func TestHelpListsExitStatus(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, exitOK, execute(context.Background(), []string{"sweep", "--help"}, &stdout, &stderr))
	require.Contains(t, stdout.String(), "EXIT STATUS")
	require.Contains(t, stdout.String(), "--filter")
}

// TestExitCodeFailOn: --fail-on sets which findings exit 1; findings below
// it (and info, always) are reported but exit 0, or 2 when a device is in
// error or unassessed; an accepted finding never fails the run.
func TestExitCodeFailOn(t *testing.T) {
	dev := func(name string, sev ...audit.Severity) report.Device {
		d := report.Device{Name: name}
		for _, s := range sev {
			d.Findings = append(d.Findings, audit.Finding{Rule: "X-001", Severity: s})
		}
		return d
	}
	unassessed := report.Device{Name: "isr", Findings: []audit.Finding{{Rule: audit.BASE001, Severity: audit.Info}}}
	accepted := dev("acc", audit.Critical)
	accepted.Findings[0].State = audit.StateAccepted
	run := func(ds ...report.Device) report.Run { return report.Run{Devices: ds} }
	tests := []struct {
		name   string
		run    report.Run
		failOn string
		want   int
	}{
		{"low-finding-default", run(dev("a", audit.Low)), "low", exitDrift},
		{"low-finding-fail-on-high", run(dev("a", audit.Low)), "high", exitOK},
		{"medium-finding-fail-on-high", run(dev("a", audit.Medium), dev("b")), "high", exitOK},
		{"high-finding-fail-on-high", run(dev("a", audit.Medium, audit.High)), "high", exitDrift},
		{"critical-finding-fail-on-critical", run(dev("a", audit.Critical)), "critical", exitDrift},
		{"info-never-counts", run(dev("a", audit.Info)), "low", exitOK},
		{"below-threshold-with-error", run(dev("a", audit.Low), report.Device{Name: "b", Error: "refused"}), "high", exitFailed},
		{"below-threshold-with-unassessed", run(dev("a", audit.Low), unassessed), "high", exitFailed},
		{"unassessed-alone", run(dev("a"), unassessed), "low", exitFailed},
		{"accepted-never-counts", run(accepted), "low", exitOK},
		{"clean", run(dev("a"), dev("b")), "low", exitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, exitCode(runOutcome(tc.run, tc.failOn)))
		})
	}
}
