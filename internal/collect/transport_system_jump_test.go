package collect_test

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

// TestSystemTransportJumpHostKey: under transport: system, a ProxyJump
// host from the ssh config is checked against fwaudit's known_hosts, with
// the same trust options as the device: a hostile config that turns off
// strict checking for the jump host does not get a rotated jump host key
// accepted, and neither the jump host nor the device gets credentials.
func TestSystemTransportJumpHostKey(t *testing.T) {
	requireOpenSSH(t)
	keyFile, authorized := clientKey(t)
	fleet := labFleet + "  - {name: lab-jump, platform: cisco_iosxe, model: C9300-48P, rommon: \"17.9.1r[FC2]\", image: cat9k_iosxe.17.09.04a.SPA.bin, jump_host: true}\n"
	l := labtest.StartFleet(t, labtest.Fleet(t, fleet), lab.Options{AuthorizedKeys: []string{authorized}})
	strict := pinLab(t, l, hostkey.Strict)
	jump, d := l.Device("lab-jump"), l.Device("lab-rtr-2")
	jhost, jport, err := net.SplitHostPort(jump.Addr())
	require.NoError(t, err)
	dhost, _, err := net.SplitHostPort(d.Addr())
	require.NoError(t, err)
	cfg := filepath.Join(t.TempDir(), "ssh_config")
	hostile := "StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  GlobalKnownHostsFile /dev/null\n  KnownHostsCommand /bin/echo %H %t %K\n  HostKeyAlias vouched\n"
	require.NoError(t, os.WriteFile(cfg, []byte(fmt.Sprintf(
		"Host jumpbox\n  HostName %s\n  Port %s\n  User %s\n  IdentityFile %s\n  IdentitiesOnly yes\n  %s\nHost %s\n  ProxyJump jumpbox\n",
		jhost, jport, lab.DefaultUsername, keyFile, hostile, dhost)), 0o600))
	target := func() collect.Target {
		tg := labTarget(t, d, strict)
		tg.Password, tg.KeyFile = "", keyFile
		tg.Transport, tg.SSHConfig = collect.TransportSystem, cfg
		return tg
	}

	t.Run("through-jump", func(t *testing.T) {
		before := jump.AuthAttempts()
		res, err := collect.CollectSSH(t.Context(), target(), nil)
		require.NoError(t, err)
		require.Contains(t, res.Outputs["show version"], d.Spec().OSVersion)
		require.Greater(t, jump.AuthAttempts(), before, "the device was not reached through the jump host")
	})

	t.Run("chain-refused", func(t *testing.T) {
		chain := filepath.Join(t.TempDir(), "ssh_config")
		require.NoError(t, os.WriteFile(chain, []byte("Host "+dhost+"\n  ProxyJump jumpbox,jumpbox\n"), 0o600))
		tg := target()
		tg.SSHConfig = chain
		jumpBefore, devBefore := jump.AuthAttempts(), d.AuthAttempts()
		_, err := collect.CollectSSH(t.Context(), tg, nil)
		require.ErrorContains(t, err, "more than one host")
		require.Equal(t, jumpBefore, jump.AuthAttempts())
		require.Equal(t, devBefore, d.AuthAttempts())
	})

	t.Run("jump-key-changed", func(t *testing.T) {
		jump.RotateHostKey()
		jumpBefore, devBefore := jump.AuthAttempts(), d.AuthAttempts()
		res, err := collect.CollectSSH(t.Context(), target(), nil)
		require.ErrorIs(t, err, hostkey.ErrHostKeyChanged)
		require.Contains(t, err.Error(), "jump host "+jump.Addr())
		require.NotEqual(t, ssh.FingerprintSHA256(jump.HostKey()), res.HostKeySHA256, "the jump host's key was taken for the device's")
		require.Contains(t, err.Error(), ssh.FingerprintSHA256(jump.HostKey()))
		require.Equal(t, jumpBefore, jump.AuthAttempts(), "ssh authenticated to a jump host whose key changed")
		require.Equal(t, devBefore, d.AuthAttempts(), "the device behind a changed jump host got credentials")
	})
}
