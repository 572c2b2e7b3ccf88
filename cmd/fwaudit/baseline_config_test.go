package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSweepBaselinePlatformTypo: a `platform:` typo in a baseline file
// (cisco_xe for cisco_iosxe) is a configuration error naming file, line and
// the known platforms (exit 3), before any device is contacted; accepted,
// it would report every IOS XE device without a baseline.
func TestSweepBaselinePlatformTypo(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "xdg")) // no user config
	t.Setenv("HOME", dir)
	t.Setenv("FWAUDIT_TYPO_TEST_PW", "not-a-password")
	inv := filepath.Join(dir, "inventory.yaml")
	require.NoError(t, os.WriteFile(inv, []byte(`# never contacted: the baselines fail first
credentials:
  lab: {username: audit, password_env: FWAUDIT_TYPO_TEST_PW}
devices:
  - {name: dc1-core-rtr-01, address: 192.0.2.1, platform: cisco_iosxe, credentials: lab}
`), 0o600))
	shipped, err := os.ReadFile("../../baselines/cisco_iosxe.yaml")
	require.NoError(t, err)
	typo := strings.Replace(string(shipped), "platform: cisco_iosxe", "platform: cisco_xe", 1)
	require.NotEqual(t, string(shipped), typo)
	baselines := filepath.Join(dir, "baselines")
	require.NoError(t, os.Mkdir(baselines, 0o700))
	file := filepath.Join(baselines, "cisco_iosxe.yaml")
	require.NoError(t, os.WriteFile(file, []byte(typo), 0o600))
	line := 1 + strings.Count(typo[:strings.Index(typo, "platform: cisco_xe")], "\n")

	code, stdout, stderr := run(t, "sweep", "-i", inv, "-b", baselines, "--state", "none")
	require.Equal(t, exitUsage, code, stderr)
	require.Empty(t, stdout, "no report without a usable baseline")
	require.Contains(t, stderr, file+":"+strconv.Itoa(line)+`: platform: unknown "cisco_xe" (known: `)
	require.Contains(t, stderr, "cisco_iosxe, ")
}
