package collect_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh/knownhosts"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

// TestSystemTransportHostileConfig: an ssh config that tries to vouch for
// a changed host key (a KnownHostsCommand, other known_hosts files, no
// strict checking, DNS) does not win over fwaudit's pin: ssh refuses the
// device before it authenticates.
func TestSystemTransportHostileConfig(t *testing.T) {
	requireOpenSSH(t)
	keyFile, authorized := clientKey(t)
	l := labtest.StartFleet(t, labtest.Fleet(t, labFleet), lab.Options{AuthorizedKeys: []string{authorized}})
	strict := pinLab(t, l, hostkey.Strict)
	d := l.Device("lab-rtr-1")
	d.RotateHostKey()
	dir := t.TempDir()
	vouch := filepath.Join(dir, "vouch_known_hosts")
	require.NoError(t, os.WriteFile(vouch, []byte(knownhosts.Line([]string{knownhosts.Normalize(d.Addr())}, d.HostKey())+"\n"), 0o600))
	tests := []struct{ name, config string }{
		{"known-hosts-command", "KnownHostsCommand /bin/echo %H %t %K\n"},
		{"strict-no", "StrictHostKeyChecking no\n"},
		{"user-known-hosts-file", "UserKnownHostsFile " + vouch + "\n"},
		{"global-known-hosts-file", "GlobalKnownHostsFile " + vouch + "\n"},
		{"host-key-alias", "HostKeyAlias vouched\nKnownHostsCommand /bin/sh -c 'echo vouched %t %K'\n"},
		{"verify-dns", "VerifyHostKeyDNS yes\n"},
		{"update-host-keys", "UpdateHostKeys yes\n"},
		{"canonicalize", "CanonicalizeHostname always\nCanonicalDomains example.net\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := filepath.Join(t.TempDir(), "ssh_config")
			require.NoError(t, os.WriteFile(cfg, []byte("Host *\n"+tc.config), 0o600))
			tg := labTarget(t, d, strict)
			tg.Password, tg.KeyFile = "", keyFile
			tg.Transport, tg.SSHConfig = collect.TransportSystem, cfg
			before := d.AuthAttempts()
			_, err := collect.CollectSSH(t.Context(), tg, nil)
			require.ErrorIs(t, err, hostkey.ErrHostKeyChanged)
			require.Equal(t, before, d.AuthAttempts(), "ssh authenticated to a changed host key")
		})
	}
}

// TestSystemTransportEnvironment: the ssh child (and so its ProxyCommand,
// and SendEnv to the device) does not inherit fwaudit's secrets.
func TestSystemTransportEnvironment(t *testing.T) {
	requireOpenSSH(t)
	keyFile, authorized := clientKey(t)
	l := labtest.StartFleet(t, labtest.Fleet(t, labFleet), lab.Options{AuthorizedKeys: []string{authorized}})
	t.Setenv("FWAUDIT_ENABLE_SECRET", "enable-s3cret")
	t.Setenv("OTHER_TOKEN", "other-s3cret")
	dump := filepath.Join(t.TempDir(), "env")
	cfg := filepath.Join(t.TempDir(), "ssh_config")
	require.NoError(t, os.WriteFile(cfg, []byte("Host *\n  SendEnv *\n  ProxyCommand /bin/sh -c 'env > "+dump+"'\n"), 0o600))
	tg := labTarget(t, l.Device("lab-rtr-2"), pinLab(t, l, hostkey.Strict))
	tg.Password, tg.KeyFile = "", keyFile
	tg.Transport, tg.SSHConfig = collect.TransportSystem, cfg
	_, err := collect.CollectSSH(t.Context(), tg, nil)
	require.Error(t, err)
	env, err := os.ReadFile(dump)
	require.NoError(t, err, "the ProxyCommand did not run")
	require.Contains(t, string(env), "PATH=")
	require.NotContains(t, string(env), "s3cret")
	require.NotContains(t, string(env), "FWAUDIT_")
}
