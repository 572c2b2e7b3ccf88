package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := execute(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeConfig(t *testing.T, dir, body string) string {
	t.Helper()
	p := filepath.Join(dir, "fwaudit.yaml")
	require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	return p
}

// TestConfigFile runs the real command tree: the config file supplies flag
// defaults, the command line wins, mistakes name file, line and key.
func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg")) // no user config
	tests := []struct {
		name     string
		config   string
		args     []string
		code     int
		stderr   []string
		noStderr string
	}{
		{name: "defaults-apply", config: "inventory: " + dir + "/inv-from-config\nlog-format: json\nworkers: 4\n",
			args: []string{"sweep"}, code: exitUsage, stderr: []string{"inv-from-config"}},
		{name: "command-line-wins", config: "inventory: " + dir + "/inv-from-config\n",
			args: []string{"sweep", "-i", dir + "/inv-from-flag"}, code: exitUsage,
			stderr: []string{"inv-from-flag"}, noStderr: "inv-from-config"},
		{name: "list-value", config: "device: [core-*, edge-01]\ninventory: " + dir + "/none\n",
			args: []string{"sweep"}, code: exitUsage},
		{name: "unknown-key", config: "inventory: x\nworkerz: 4\n", args: []string{"sweep"}, code: exitUsage,
			stderr: []string{"fwaudit.yaml:2: workerz: unknown key"}},
		{name: "secret-refused", config: "netbox-token: abc\n", args: []string{"version"}, code: exitUsage,
			stderr: []string{"fwaudit.yaml:1: netbox-token: secrets are not accepted"}, noStderr: "abc"},
		{name: "bad-value", config: "workers: many\n", args: []string{"version"}, code: exitUsage,
			stderr: []string{`fwaudit.yaml:1: workers: invalid value "many"`}},
		{name: "not-a-map", config: "- inventory\n", args: []string{"version"}, code: exitUsage,
			stderr: []string{"must be a map of flag-name: value"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := writeConfig(t, t.TempDir(), tc.config)
			code, _, stderr := run(t, append(tc.args, "--config", cfg)...)
			require.Equal(t, tc.code, code, stderr)
			for _, s := range tc.stderr {
				require.Contains(t, stderr, s)
			}
			if tc.noStderr != "" {
				require.NotContains(t, stderr, tc.noStderr)
			}
		})
	}
}

func TestConfigFileDiscovery(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	t.Chdir(dir)

	code, _, stderr := run(t, "sweep")
	require.Equal(t, exitUsage, code)
	require.NotContains(t, stderr, "from-")

	require.NoError(t, os.MkdirAll(filepath.Join(dir, "xdg", "fwaudit"), 0o755))
	writeConfig(t, filepath.Join(dir, "xdg", "fwaudit"), "inventory: from-xdg\n")
	_, _, stderr = run(t, "sweep")
	require.Contains(t, stderr, "from-xdg")

	writeConfig(t, dir, "inventory: from-cwd\n")
	_, _, stderr = run(t, "sweep")
	require.Contains(t, stderr, "from-cwd", "the working directory comes first")

	code, out, _ := run(t, "sweep", "--help")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, `(default "from-cwd")`, "help shows the configured default")

	code, _, stderr = run(t, "version", "--config", filepath.Join(dir, "missing.yaml"))
	require.Equal(t, exitUsage, code, "an explicit --config must exist")
	require.Contains(t, stderr, "missing.yaml")
}

// TestShippedConfigExample keeps docs/deploy/fwaudit.yaml in step with the
// flags: every key must be a flag of the command tree.
func TestShippedConfigExample(t *testing.T) {
	code, _, stderr := run(t, "version", "--config", filepath.Join("..", "..", "docs", "deploy", "fwaudit.yaml"))
	require.Equal(t, exitOK, code, stderr)
}

// TestConfigFileReadIsLogged: a ./fwaudit.yaml dropped in the working
// directory (adding a webhook, swapping baselines) is not silent: the
// file read is named at info, so the operator sees it in the run's log.
func TestConfigFileReadIsLogged(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	t.Chdir(dir)
	writeConfig(t, dir, "log-level: info\n")
	code, _, stderr := run(t, "version")
	require.Equal(t, exitOK, code, stderr)
	require.Contains(t, stderr, "config file read")
	require.Contains(t, stderr, "fwaudit.yaml")

	code, _, stderr = run(t, "version", "--config", os.DevNull)
	require.Equal(t, exitOK, code, stderr)
	require.NotContains(t, stderr, "config file read", "no file: nothing to name")
}
