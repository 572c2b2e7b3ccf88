package inventory_test

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

// TestAnsibleVarDirs: variables from group_vars/ (a file per group, a
// folder of files, a file without extension) and host_vars/ (YAML and
// JSON) beside an INI inventory, with Ansible's precedence: group_vars/
// over the inventory's group vars, host_vars/ over the inventory's host
// vars, a child group over all.
func TestAnsibleVarDirs(t *testing.T) {
	var logs bytes.Buffer
	inv, err := inventory.Load("testdata/sources/ansible-vars.yaml", inventory.LoadOptions{Getenv: sourceEnv(),
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	require.NoError(t, err)
	require.Equal(t, []fleetDevice{
		{"core-rtr-01", "192.0.2.1", "cisco_iosxe", "dc1", "core", 2222},
		{"dist-sw-01", "192.0.2.11", "cisco_nxos", "dc1", "distribution", 22},
		{"branch-01", "203.0.113.21", "", "br1", "access", 22}, // cisco.ios.ios: IOS or IOS XE, detected
	}, fleet(inv.Devices))
	require.Equal(t, "netops", inv.Devices[0].Credentials.Name, "the overlay's credentials, not the plain-text password")

	// The plain-text password in host_vars is ignored, with a warning that
	// names the file it is in, and never logged.
	require.Contains(t, logs.String(), "plain-text credential in inventory source ignored")
	require.Contains(t, logs.String(), "file=testdata/sources/ansible-vars/host_vars/core-rtr-01.yml")
	require.Contains(t, logs.String(), "field=ansible_password")
	require.NotContains(t, logs.String(), "hunter2")
}

func TestAnsibleVarDirsPlaintextOptIn(t *testing.T) {
	var logs bytes.Buffer
	inv, err := inventory.Load("ansible:testdata/sources/ansible-vars/hosts.ini?allow_plaintext_credentials=1&defaults=testdata/sources/defaults-only.yaml",
		inventory.LoadOptions{Getenv: sourceEnv(), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	require.NoError(t, err)
	core := inv.Devices[0]
	require.Equal(t, "ansible:core-rtr-01", core.Credentials.Name)
	require.Equal(t, "netops", core.Credentials.Username, "ansible_user from group_vars/all.yml")
	require.Equal(t, "hunter2", core.Credentials.Password.Reveal(), "ansible_password from host_vars/core-rtr-01.yml")
	require.True(t, core.Credentials.PlainPasswordWarning)
	require.NotContains(t, logs.String(), "hunter2")
}

// TestAnsibleVarDirsErrors: a broken or wholly vault-encrypted var file is
// an error naming the file.
func TestAnsibleVarDirsErrors(t *testing.T) {
	write := func(t *testing.T, dir, rel, body string) {
		p := filepath.Join(dir, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	}
	tests := []struct {
		name, rel, body, want string
	}{
		{"bad-yaml", "group_vars/core.yml", "role: [core\n", "group_vars/core.yml: yaml:"},
		{"not-a-map", "host_vars/r1.yaml", "- a\n- b\n", "host_vars/r1.yaml: line 1: must be a map of variables"},
		{"vault-file", "group_vars/all/secrets.yml", "$ANSIBLE_VAULT;1.1;AES256\n6231336539\n", "group_vars/all/secrets.yml: encrypted with Ansible Vault as a whole"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "hosts.ini", "[core]\nr1 ansible_host=192.0.2.1 fwaudit_platform=cisco_iosxe\n")
			write(t, dir, tc.rel, tc.body)
			_, err := inventory.Load("ansible:"+filepath.Join(dir, "hosts.ini"), inventory.LoadOptions{Getenv: sourceEnv()})
			require.Error(t, err)
			require.Contains(t, err.Error(), filepath.Join(dir, tc.rel[:len(tc.rel)-len(filepath.Base(tc.rel))]))
			require.Contains(t, err.Error(), tc.want)
		})
	}
}
