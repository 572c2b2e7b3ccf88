package inventory_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

// TestSSHConfigRunsNoCommand: an ssh config named by the inventory may
// not make the audit host run a command (ProxyCommand ran `id`); the
// error names the inventory file and line, the device and the field, and
// the ssh config's line.
func TestSSHConfigRunsNoCommand(t *testing.T) {
	tests := []struct{ name, config, want string }{
		{"proxy-command", "Host *\n  ProxyCommand id\n", `line 2: ProxyCommand runs a command`},
		{"proxy-command-equals", "Host *\nproxycommand=sh -c id\n", `line 2: ProxyCommand runs a command`},
		{"local-command", "LocalCommand id\n", `line 1: LocalCommand runs a command`},
		{"permit-local-command", "PermitLocalCommand yes\n", `line 1: PermitLocalCommand runs a command`},
		{"known-hosts-command", "KnownHostsCommand /bin/echo %H %t %K\n", `KnownHostsCommand runs a command`},
		{"pkcs11", "PKCS11Provider /tmp/evil.so\n", `PKCS11Provider runs a command`},
		{"match-exec", "Match host * exec \"id\"\n  User x\n", `line 1: Match exec runs a command`},
		{"match-not-exec", "Match !exec id\n", `Match exec runs a command`},
		{"include", "Include /tmp/other\n", `Include cannot be checked`},
		{"not-found", "", `cannot read`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.config != "" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "ssh_config"), []byte(tc.config), 0o600))
			}
			p := filepath.Join(dir, "inv.yaml")
			doc := "credentials: {c: {username: u, key_file: /dev/null}}\ndevices:\n  - {name: r1, address: 192.0.2.1, platform: cisco_iosxe, credentials: c,\n     ssh: {transport: system, config: ssh_config}}\n"
			require.NoError(t, os.WriteFile(p, []byte(doc), 0o600))
			_, err := inventory.Load(p, inventory.LoadOptions{Getenv: getenv(nil)})
			require.ErrorIs(t, err, inventory.ErrInvalid)
			require.ErrorContains(t, err, p+`:4: device "r1": ssh.config: `)
			require.ErrorContains(t, err, tc.want)
		})
	}

	t.Run("harmless-config-loads", func(t *testing.T) {
		dir := t.TempDir()
		cfg := "# ProxyCommand id\nHost *\n  ProxyCommand none\n  PermitLocalCommand no\n  ProxyJump bastion\nMatch host r1\n  User admin\n"
		require.NoError(t, os.WriteFile(filepath.Join(dir, "ssh_config"), []byte(cfg), 0o600))
		p := filepath.Join(dir, "inv.yaml")
		require.NoError(t, os.WriteFile(p, []byte("credentials: {c: {username: u, key_file: /dev/null}}\ndevices:\n  - {name: r1, address: 192.0.2.1, platform: cisco_iosxe, credentials: c, ssh: {transport: system, config: ssh_config}}\n"), 0o600))
		inv, err := inventory.Load(p, inventory.LoadOptions{Getenv: getenv(nil)})
		require.NoError(t, err)
		require.Equal(t, filepath.Join(dir, "ssh_config"), inv.Devices[0].SSH.Config)
	})
}
