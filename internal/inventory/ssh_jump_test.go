package inventory_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

func TestJumpHosts(t *testing.T) {
	const doc = `
defaults: {collect: [ssh], credentials: c, ssh: {known_hosts: kh/devices}}
credentials:
  c: {username: u, password_env: PW}
  bastion: {username: jumper, password_env: JUMP_PW}
groups:
  remote: {ssh: {jump: [{address: 192.0.2.9, credentials: bastion}]}}
devices:
  - {name: direct, address: 192.0.2.1, platform: cisco_iosxe}
  - {name: one-hop, address: 192.0.2.2, platform: cisco_iosxe, groups: [remote]}
  - name: two-hops
    address: 192.0.2.3
    platform: cisco_iosxe
    ssh:
      jump:
        - {address: 192.0.2.9, port: 2222, credentials: bastion, known_hosts: kh/bastions, host_key_policy: tofu}
        - {address: 10.0.0.1, credentials: c}
`
	dir := t.TempDir()
	p := filepath.Join(dir, "inv.yaml")
	require.NoError(t, os.WriteFile(p, []byte(doc), 0o600))
	env := map[string]string{"PW": "device-pw", "JUMP_PW": "jump-pw"}
	inv, err := inventory.Load(p, inventory.LoadOptions{Getenv: getenv(env)})
	require.NoError(t, err)
	require.Len(t, inv.Devices, 3)

	require.Empty(t, inv.Devices[0].SSH.Jump)

	one := inv.Devices[1].SSH.Jump
	require.Len(t, one, 1)
	require.Equal(t, "192.0.2.9", one[0].Address)
	require.Equal(t, 22, one[0].Port)
	require.Equal(t, "jumper", one[0].Credentials.Username)
	require.Equal(t, "jump-pw", one[0].Credentials.Password.Reveal())
	require.Equal(t, filepath.Join(dir, "kh/devices"), one[0].KnownHosts, "defaults to the device's known_hosts")
	require.Equal(t, inventory.PolicyStrict, one[0].HostKeyPolicy)

	two := inv.Devices[2].SSH.Jump
	require.Len(t, two, 2)
	require.Equal(t, 2222, two[0].Port)
	require.Equal(t, filepath.Join(dir, "kh/bastions"), two[0].KnownHosts)
	require.Equal(t, inventory.PolicyTOFU, two[0].HostKeyPolicy)
	require.Equal(t, "10.0.0.1", two[1].Address)
	require.Equal(t, "u", two[1].Credentials.Username)
	require.Equal(t, "device-pw", two[1].Credentials.Password.Reveal())
}

func TestJumpHostsBounded(t *testing.T) {
	doc := "credentials: {c: {username: u, password_env: PW}}\ndevices:\n  - name: far\n    address: 192.0.2.1\n    platform: cisco_iosxe\n    credentials: c\n    ssh:\n      jump:\n"
	for range inventory.MaxJumpHosts + 1 {
		doc += "        - {address: 192.0.2.9, credentials: c}\n"
	}
	p := filepath.Join(t.TempDir(), "inv.yaml")
	require.NoError(t, os.WriteFile(p, []byte(doc), 0o600))
	_, err := inventory.Load(p, inventory.LoadOptions{Getenv: getenv(map[string]string{"PW": "x"})})
	require.ErrorIs(t, err, inventory.ErrInvalid)
	require.ErrorContains(t, err, `device "far": ssh.jump: at most 4 hops`)
}

func TestSSHTransport(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "inv.yaml")
	load := func(doc string) (*inventory.Inventory, error) {
		require.NoError(t, os.WriteFile(p, []byte("credentials: {c: {username: u, password_env: PW}}\n"+doc), 0o600))
		return inventory.Load(p, inventory.LoadOptions{Getenv: getenv(map[string]string{"PW": "x"})})
	}
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "ssh"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ssh/config"), []byte("Host *\n  ProxyJump bastion\n"), 0o600))
	inv, err := load(`devices:
  - {name: a, address: 192.0.2.1, platform: cisco_iosxe, credentials: c, ssh: {transport: system, config: ssh/config}}
  - {name: b, address: 192.0.2.2, platform: cisco_iosxe, credentials: c}
`)
	require.NoError(t, err)
	require.Equal(t, inventory.TransportSystem, inv.Devices[0].SSH.Transport)
	require.Equal(t, filepath.Join(dir, "ssh/config"), inv.Devices[0].SSH.Config)
	require.Empty(t, inv.Devices[1].SSH.Transport)

	tests := []struct{ name, device, want string }{
		{"unknown-transport", `{name: a, address: 192.0.2.1, platform: cisco_iosxe, credentials: c, ssh: {transport: putty}}`,
			`device "a": ssh.transport: "putty" is not one of native, system`},
		{"config-needs-system", `{name: a, address: 192.0.2.1, platform: cisco_iosxe, credentials: c, ssh: {config: x}}`,
			`device "a": ssh.config: only used with transport: system`},
		{"system-no-jump", `{name: a, address: 192.0.2.1, platform: cisco_iosxe, credentials: c, ssh: {transport: system, jump: [{address: 192.0.2.9, credentials: c}]}}`,
			`device "a": ssh.transport: system cannot use ssh.jump`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load("devices:\n  - " + tc.device + "\n")
			require.ErrorIs(t, err, inventory.ErrInvalid)
			require.ErrorContains(t, err, tc.want)
		})
	}
}
