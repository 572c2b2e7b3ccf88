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
		{"usage", usageErrorf("--workers: must be at least 1"), exitUsage},
		{"config", configError(errors.New("open inventory/: no such file")), exitUsage},
		{"inventory-invalid", fmt.Errorf("load: %w", inventory.ErrInvalid), exitUsage},
		{"baseline-invalid", fmt.Errorf("load: %w", baseline.ErrInvalid), exitUsage},
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
		{"bad-output", []string{"sweep", "-o", "xml", "-i", bad}, `"xml" is not one of table, json, csv, markdown, html`},
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
