package inventory_test

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

// templateEnv holds the variables the ansible-templates inventories look up.
var templateEnv = map[string]string{
	"NET_USER": "netops", "NET_PASSWORD": "env-pass", "NET_ENABLE": "env-enable",
	"CORE2_PASSWORD": "core2-pass", "EDGE_PASSWORD": "edge-pass", "BRANCH2_PASSWORD": "branch2-pass",
	"FWAUDIT_PASSWORD": "overlay-pass",
}

type login struct{ Credentials, Username, Password, Enable string }

func logins(devs []inventory.Device) map[string]login {
	out := map[string]login{}
	for _, d := range devs {
		c := d.Credentials
		out[d.Name] = login{c.Name, c.Username, c.Password.Reveal(), c.EnableSecret.Reveal()}
	}
	return out
}

// TestAnsibleEnvLookup: {{ lookup('env', 'NAME') }} in ansible_user,
// ansible_password and ansible_become_password (single or double quotes,
// ansible.builtin.env, with or without blanks and whitespace control) is
// resolved like password_env, without allow_plaintext_credentials, and the
// values are never logged.
func TestAnsibleEnvLookup(t *testing.T) {
	tests := []struct {
		name, spec string
		want       map[string]login
	}{
		{name: "yaml", spec: "ansible:testdata/sources/ansible-templates/hosts.yml", want: map[string]login{
			"core-rtr-01": {"ansible:core-rtr-01", "netops", "env-pass", "env-enable"},
			"core-rtr-02": {"ansible:core-rtr-02", "netops", "core2-pass", "env-enable"},
			"edge-01":     {"ansible:edge-01", "juniper-ops", "edge-pass", ""},
		}},
		{name: "ini", spec: "ansible:testdata/sources/ansible-templates/hosts.ini", want: map[string]login{
			"branch-01": {"ansible:branch-01", "netops", "env-pass", ""},
			"branch-02": {"ansible:branch-02", "netops", "branch2-pass", ""},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			inv, err := inventory.Load(tc.spec, inventory.LoadOptions{Getenv: getenv(templateEnv),
				Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			require.NoError(t, err)
			require.Equal(t, tc.want, logins(inv.Devices))
			for _, d := range inv.Devices {
				require.False(t, d.Credentials.PlainPasswordWarning, d.Name)
			}
			for _, v := range templateEnv {
				require.NotContains(t, logs.String(), v)
			}
			require.NotContains(t, logs.String(), "plain-text credential")
		})
	}
}

// TestAnsibleEnvLookupUnset: a looked-up variable that is not set makes
// that host unusable, naming the file and line of the lookup and the
// variable; the other hosts load.
func TestAnsibleEnvLookupUnset(t *testing.T) {
	env := map[string]string{"NET_USER": "netops", "NET_PASSWORD": "env-pass", "CORE2_PASSWORD": "x", "EDGE_PASSWORD": "y"}
	inv, err := inventory.Load("ansible:testdata/sources/ansible-templates/hosts.yml", inventory.LoadOptions{Getenv: getenv(env)})
	require.NoError(t, err)
	var unusable []string
	for _, d := range inv.Devices {
		if d.Unusable != "" {
			unusable = append(unusable, d.Name)
			require.Equal(t, `testdata/sources/ansible-templates/hosts.yml:12: credentials "ansible:`+d.Name+`": enable_secret_env: environment variable NET_ENABLE is not set`, d.Unusable)
			require.NotContains(t, d.Unusable, "env-pass")
		}
	}
	require.Equal(t, []string{"core-rtr-01", "core-rtr-02"}, unusable, "both inherit the lookup")
	require.Greater(t, len(inv.Devices), 1)
}

// TestAnsibleTemplatesRefused: every other template, and every Vault value,
// in a field fwaudit uses is an error naming file, line, host and variable;
// nothing is sent or connected to literally.
func TestAnsibleTemplatesRefused(t *testing.T) {
	_, err := inventory.Load("ansible:testdata/sources/invalid/templates.yml?allow_plaintext_credentials=1&defaults=testdata/sources/defaults-only.yaml",
		inventory.LoadOptions{Getenv: getenv(templateEnv)})
	require.ErrorIs(t, err, inventory.ErrInvalid)
	const f = "testdata/sources/invalid/templates.yml"
	const plain = "; write the value itself (only lookup('env', …) in ansible_user, ansible_password and ansible_become_password is resolved)"
	const fix = "; use {{ lookup('env', 'NAME') }} or give the device credentials in the fwaudit inventory (password_env: FWAUDIT_PASSWORD)"
	want := []string{ // a group var is reported once, for its first host
		f + `:9: device "r1": site: Jinja templates are not evaluated ("{{ region }}-dc")` + plain,
		f + `:12: device "r1": ansible_host: Jinja templates are not evaluated ("{{ inventory_hostname }}.example.net")` + plain,
		f + `:16: device "r2": ansible_port: Jinja templates are not evaluated ("{{ ssh_port | default(22) }}")` + plain,
		f + `:17: device "r2": fwaudit_platform: Jinja templates are not evaluated ("{% if new %}cisco_iosxe{% else %}cisco_ios{% endif %}")` + plain,
		f + `:19: device "r3": ansible_host: encrypted with Ansible Vault (!vault); fwaudit does not decrypt Vault values` + plain,
		f + `:26: device "r4": ansible_password: Jinja templates are not evaluated` + fix,
		f + `:30: device "r5": ansible_password: encrypted with Ansible Vault (!vault); fwaudit does not decrypt Vault values` + fix,
		f + `:36: device "r6": ansible_user: lookup('env', 'NO_SUCH_USER'): environment variable NO_SUCH_USER is not set, empty or not printable`,
		f + `:37: credentials "ansible:r6": username: required`,
		f + `:42: device "r7": ansible_password: Jinja templates are not evaluated` + fix,
	}
	require.Equal(t, "invalid inventory:\n"+strings.Join(want, "\n"), err.Error())
	for _, v := range templateEnv {
		require.NotContains(t, err.Error(), v)
	}
	require.NotContains(t, err.Error(), "vault_ansible_password", "login templates are not echoed")
	require.NotContains(t, err.Error(), "vault-encrypted", "r3 is not connected to as a host name")
}

// TestAnsibleLoginTemplateIgnoredWithoutOptIn: without
// allow_plaintext_credentials the source's passwords are not used, so a
// templated or vaulted one (the usual "{{ vault_ansible_password }}") is
// ignored with the usual warning and the overlay's credentials apply.
func TestAnsibleLoginTemplateIgnoredWithoutOptIn(t *testing.T) {
	dir := t.TempDir()
	inv := "[core]\nr1 ansible_host=192.0.2.1 fwaudit_platform=cisco_iosxe\n\n[core:vars]\nansible_password=\"{{ vault_ansible_password }}\"\nansible_user=\"{{ net_user }}\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "hosts.ini"), []byte(inv), 0o600))
	var logs bytes.Buffer
	got, err := inventory.Load("ansible:"+filepath.Join(dir, "hosts.ini")+"?defaults=testdata/sources/defaults-only.yaml",
		inventory.LoadOptions{Getenv: getenv(templateEnv), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	require.NoError(t, err)
	require.Equal(t, map[string]login{"r1": {"netops", "netops", "overlay-pass", ""}}, logins(got.Devices))
	require.Contains(t, logs.String(), "field=ansible_password")
	require.False(t, strings.Contains(logs.String(), "vault_ansible_password"))
}
