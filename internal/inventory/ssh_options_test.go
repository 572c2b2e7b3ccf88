package inventory_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

func TestLegacyAlgorithmsField(t *testing.T) {
	const doc = `
defaults: {collect: [ssh], credentials: c, ssh: {legacy_algorithms: false}}
credentials: {c: {username: u, password_env: PW}}
groups: {old: {ssh: {legacy_algorithms: true}}}
devices:
  - {name: old-1, address: 192.0.2.1, platform: cisco_iosxe, groups: [old]}
  - {name: new-1, address: 192.0.2.2, platform: cisco_iosxe}
`
	p := filepath.Join(t.TempDir(), "inv.yaml")
	require.NoError(t, os.WriteFile(p, []byte(doc), 0o600))
	inv, err := inventory.Load(p, inventory.LoadOptions{Getenv: func(string) (string, bool) { return "x", true }})
	require.NoError(t, err)
	require.True(t, inv.Devices[0].SSH.LegacyAlgorithms)
	require.False(t, inv.Devices[1].SSH.LegacyAlgorithms)

	require.NoError(t, os.WriteFile(p, []byte("devices:\n  - {name: a, address: 192.0.2.1, platform: cisco_iosxe, credentials: c, ssh: {legacy_algorithms: yes please}}\ncredentials: {c: {username: u, password_env: PW}}\n"), 0o600))
	_, err = inventory.Load(p, inventory.LoadOptions{Getenv: func(string) (string, bool) { return "x", true }})
	require.ErrorContains(t, err, "is not true or false")
}
