package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/require"
)

// globalFlags returns the flag names of a help text's "Global Flags:"
// section.
func globalFlags(help string) []string {
	_, after, ok := strings.Cut(help, "Global Flags:\n")
	if !ok {
		return nil
	}
	return regexp.MustCompile(`--([a-z-]+)`).FindAllString(after, -1)
}

// TestHelpListsOwnOptions: every command's --help lists its own options,
// and only --config, --log-level and --log-format are shared.
func TestHelpListsOwnOptions(t *testing.T) {
	tests := []struct {
		args []string
		has  []string
		not  []string
	}{
		{args: []string{"sweep"}, has: []string{"--workers", "--device", "--syslog", "--offbox-hash", "--lock-wait"}},
		{args: []string{"audit"}, has: []string{"--related", "--related-max", "--workers"}, not: []string{"--device", "--shard"}},
		{args: []string{"diff"}, has: []string{"--state", "--output"}, not: []string{"--workers", "--inventory", "--device", "--syslog", "--lock-wait"}},
		{args: []string{"history"}, has: []string{"--limit", "--state"}, not: []string{"--workers", "--device", "--baselines"}},
		{args: []string{"parse"}, has: []string{"--platform", "--command"}, not: []string{"--workers", "--state", "--inventory"}},
		{args: []string{"version"}, not: []string{"--workers", "--state", "--inventory"}},
		{args: []string{"logs"}, has: []string{"--baselines", "--changes"}, not: []string{"--syslog", "--workers", "--inventory"}},
		{args: []string{"hostkey", "show"}, has: []string{"--inventory", "--workers"}, not: []string{"--state", "--device", "--baselines"}},
		{args: []string{"plan"}, has: []string{"--all", "--image-source"}, not: []string{"--syslog", "--format"}},
		{args: []string{"ingest"}, has: []string{"--kgv", "--image-source", "--platform"}, not: []string{"--workers", "--state"}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, "-"), func(t *testing.T) {
			code, out, stderr := run(t, append(tc.args, "--help", "--config", os.DevNull)...)
			require.Equal(t, exitOK, code, stderr)
			for _, f := range tc.has {
				require.Contains(t, out, f)
			}
			for _, f := range tc.not {
				require.NotContains(t, out, f+" ")
			}
			require.ElementsMatch(t, []string{"--config", "--log-format", "--log-level"}, globalFlags(out))
		})
	}
}

// TestConfigOutputPerCommand: a top-level output: applies to the commands
// that have that format and leaves the others alone; a command section
// sets one command only.
func TestConfigOutputPerCommand(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg"))
	cfg := writeConfig(t, dir, "output: markdown\naudit:\n  output: json\n")
	for cmd, want := range map[string]string{"sweep": `(default "markdown")`, "plan": `(default "markdown")`,
		"history": `(default "table")`, "diff": `(default "table")`, "audit": `(default "json")`} {
		code, out, stderr := run(t, cmd, "--help", "--config", cfg)
		require.Equal(t, exitOK, code, stderr)
		line := regexp.MustCompile(`(?m)^.*--output.*$`).FindString(out)
		require.Contains(t, line, want, cmd)
	}
	cfg = writeConfig(t, dir, "output: xml\n")
	code, _, stderr := run(t, "version", "--config", cfg)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, `fwaudit.yaml:1: output: invalid value "xml"`)
	cfg = writeConfig(t, dir, "sweep:\n  limit: 3\n")
	code, _, stderr = run(t, "version", "--config", cfg)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "fwaudit.yaml:2: sweep.limit: unknown key")
}

// TestConfigWritableByOthersRefused: a config anyone can write could swap
// baselines or turn history off.
func TestConfigWritableByOthersRefused(t *testing.T) {
	cfg := writeConfig(t, t.TempDir(), "log-level: info\n")
	require.NoError(t, os.Chmod(cfg, 0o666))
	code, _, stderr := run(t, "version", "--config", cfg)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "writable by every user")
}

// TestNamesReplaceConfigSelection: names on the command line select
// exactly those devices: a device: list from the config file does not add
// to them; --device typed together with names is refused.
func TestNamesReplaceConfigSelection(t *testing.T) {
	var f selectFlags
	cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
	f.addFlags(cmd.Flags())
	f.Devices, f.Filter = []string{"lon-*"}, "site=lon" // as fwaudit.yaml sets them
	require.NoError(t, cmd.ParseFlags(nil))
	got := f.forNames(cmd.Flags(), []string{"lon-wan-02"}).selection([]string{"lon-wan-02"})
	require.Equal(t, []string{"lon-wan-02"}, got.Names)
	require.Empty(t, got.Globs)
	require.Empty(t, got.Filter)

	require.NoError(t, cmd.ParseFlags([]string{"--device", "fra-*"}))
	got = f.forNames(cmd.Flags(), []string{"lon-wan-02"}).selection([]string{"lon-wan-02"})
	require.Equal(t, []string{"fra-*"}, got.Globs, "typed: kept, and pipeline.Select refuses the mix")

	got = f.forNames(cmd.Flags(), nil).selection(nil)
	require.Equal(t, []string{"fra-*"}, got.Globs, "no names: the flags select")
}

// TestCompletionValues completes each command's own -o values and device names
// from the inventory.
func TestCompletionValues(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FWAUDIT_TEST_PW", "x")
	inv := filepath.Join(dir, "inv.yaml")
	require.NoError(t, os.WriteFile(inv, []byte("defaults: {credentials: lab}\ncredentials:\n  lab: {username: u, password_env: FWAUDIT_TEST_PW}\n"+
		"devices:\n  - {name: lon-wan-02, address: 192.0.2.1, platform: cisco_iosxe, site: lon}\n  - {name: fra-acc-sw-03, address: 192.0.2.2, platform: cisco_iosxe}\n"), 0o600))
	tests := []struct {
		args []string
		want []string
		not  []string
	}{
		{args: []string{"sweep", "-o", ""}, want: []string{"table", "json", "csv", "markdown", "html"}, not: []string{"detail", "ansible"}},
		{args: []string{"audit", "-o", ""}, want: []string{"detail", "json"}},
		{args: []string{"plan", "-o", ""}, want: []string{"markdown", "json", "ansible"}, not: []string{"csv"}},
		{args: []string{"history", "x", "-o", ""}, want: []string{"table", "json"}, not: []string{"markdown"}},
		{args: []string{"sweep", "--hash-protocol", ""}, want: []string{"auto", "sftp", "scp"}},
		{args: []string{"parse", "--platform", ""}, want: []string{"cisco_iosxe", "juniper_junos"}},
		{args: []string{"accept", "x", "--rule", ""}, want: []string{"ROM-002", "LOG-001", "PLAT-001"}},
		{args: []string{"audit", "-i", inv, "lon"}, want: []string{"lon-wan-02"}, not: []string{"fra-acc-sw-03"}},
		{args: []string{"hostkey", "show", "-i", inv, ""}, want: []string{"lon-wan-02", "fra-acc-sw-03"}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			// __complete takes the word to complete last: --config goes first.
			code, out, stderr := run(t, append([]string{"__complete", "--config", os.DevNull}, tc.args...)...)
			require.Equal(t, exitOK, code, stderr)
			words := map[string]bool{}
			for _, l := range strings.Split(out, "\n") {
				w, _, _ := strings.Cut(l, "\t")
				words[w] = true
			}
			for _, w := range tc.want {
				require.True(t, words[w], "%q not completed in %q", w, out)
			}
			for _, w := range tc.not {
				require.False(t, words[w], "%q completed in %q", w, out)
			}
		})
	}
}

// TestConfigSyntaxErrorLine: a YAML mistake deep in fwaudit.yaml is
// reported at its own line, not where the enclosing map began.
func TestConfigSyntaxErrorLine(t *testing.T) {
	body := "log-level: info\nsweep:\n  output: json\n  workers: 4\n  device:\n    - lon-*\n   - fra-*\n"
	cfg := writeConfig(t, t.TempDir(), body)
	code, _, stderr := run(t, "version", "--config", cfg)
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "line 7")
}

// TestErrorLineIsSanitized: a file name with terminal escapes reaches the
// final error line without them.
func TestErrorLineIsSanitized(t *testing.T) {
	code, _, stderr := run(t, "sweep", "--config", os.DevNull, "-i", filepath.Join(t.TempDir(), "inv\x1b]0;owned\x07\x1b[2J.yaml"))
	require.Equal(t, exitUsage, code)
	require.Contains(t, stderr, "inv")
	require.NotContains(t, stderr, "\x1b")
	require.NotContains(t, stderr, "\x07")
}
