package collect_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/testpeer"
)

// requireOpenSSH skips without OpenSSH's ssh (fails in CI) and makes the
// test hermetic: HOME is a temp dir, and ssh reads an empty -F config.
func requireOpenSSH(t *testing.T) string {
	t.Helper()
	testpeer.OpenSSH(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("SSH_AUTH_SOCK", "")
	cfg := filepath.Join(home, "ssh_config")
	require.NoError(t, os.WriteFile(cfg, nil, 0o600))
	return cfg
}

// clientKey writes an ed25519 private key and returns its path and
// authorized_keys line.
func clientKey(t *testing.T) (string, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	block, err := ssh.MarshalPrivateKey(priv, "")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "id_ed25519")
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(block), 0o600))
	sp, err := ssh.NewPublicKey(pub)
	require.NoError(t, err)
	return path, strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp)))
}

// TestCollectSSHSystemTransport collects from the lab through OpenSSH's
// ssh: the outputs and the host key fingerprint match the native
// transport's; a changed or unknown host key is refused by ssh before any
// authentication; a key the device does not know is an auth failure.
func TestCollectSSHSystemTransport(t *testing.T) {
	cfg := requireOpenSSH(t)
	keyFile, authorized := clientKey(t)
	l := labtest.StartFleet(t, labtest.Fleet(t, labFleet), lab.Options{AuthorizedKeys: []string{authorized}})
	strict := pinLab(t, l, hostkey.Strict)
	system := func(d *lab.Device, hk *hostkey.Store) collect.Target {
		tg := labTarget(t, d, hk)
		tg.Password, tg.KeyFile = "", keyFile
		tg.Transport, tg.SSHConfig = collect.TransportSystem, cfg
		return tg
	}

	t.Run("collects", func(t *testing.T) {
		d := l.Device("lab-rtr-2")
		res, err := collect.CollectSSH(t.Context(), system(d, strict), nil)
		require.NoError(t, err)
		require.Contains(t, res.Outputs["show version"], d.Spec().OSVersion)
		native, err := collect.CollectSSH(t.Context(), labTarget(t, d, strict), nil)
		require.NoError(t, err)
		require.Equal(t, native.HostKeySHA256, res.HostKeySHA256)
		require.Equal(t, native.Outputs["show version"], res.Outputs["show version"])
	})

	t.Run("wrong-key-is-auth-failure", func(t *testing.T) {
		other, _ := clientKey(t)
		tg := system(l.Device("lab-rtr-1"), strict)
		tg.KeyFile = other
		_, err := collect.CollectSSH(t.Context(), tg, nil)
		require.ErrorIs(t, err, collect.ErrAuth)
	})

	t.Run("unknown-host-key", func(t *testing.T) {
		d := l.Device("lab-rtr-1")
		empty, err := hostkey.Open(filepath.Join(t.TempDir(), "known_hosts"), hostkey.Strict)
		require.NoError(t, err)
		before := d.AuthAttempts()
		res, err := collect.CollectSSH(t.Context(), system(d, empty), nil)
		require.ErrorIs(t, err, hostkey.ErrHostKeyUnknown)
		require.Equal(t, before, d.AuthAttempts(), "ssh authenticated to an unknown host")
		require.Equal(t, ssh.FingerprintSHA256(d.HostKey()), res.HostKeySHA256)
	})

	t.Run("changed-host-key", func(t *testing.T) {
		d := l.Device("lab-rtr-1")
		d.RotateHostKey()
		before := d.AuthAttempts()
		res, err := collect.CollectSSH(t.Context(), system(d, strict), nil)
		require.ErrorIs(t, err, hostkey.ErrHostKeyChanged)
		require.Contains(t, err.Error(), "credentials were not sent")
		require.Equal(t, before, d.AuthAttempts(), "ssh authenticated to a changed host key")
		require.Equal(t, ssh.FingerprintSHA256(d.HostKey()), res.HostKeySHA256)
	})

	t.Run("unreachable-is-retryable", func(t *testing.T) {
		tg := system(l.Device("lab-rtr-2"), strict)
		tg.Port = 1
		tg.ConnectTimeout = 2 * time.Second
		_, err := collect.CollectSSH(t.Context(), tg, nil)
		require.ErrorIs(t, err, collect.ErrConnect)
		require.True(t, collect.IsRetryable(err), "%v", err)
	})

	t.Run("no-ssh-binary", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, err := collect.CollectSSH(t.Context(), system(l.Device("lab-rtr-2"), strict), nil)
		require.ErrorIs(t, err, collect.ErrNoOpenSSH)
	})
}

// TestCollectSSHSystemTransportHostile: through ssh, the byte budget and
// the login timeout still hold, and ssh is killed (no process or
// goroutine left behind).
func TestCollectSSHSystemTransportHostile(t *testing.T) {
	cfg := requireOpenSSH(t)
	keyFile, authorized := clientKey(t)
	fleet := labFleet + "    hostile: endless-output\n  - {name: lab-hang, platform: cisco_iosxe, model: C9300-48P, rommon: \"17.9.1r[FC2]\", image: cat9k_iosxe.17.09.04a.SPA.bin, hostile: hang-after-auth}\n"
	l := labtest.StartFleet(t, labtest.Fleet(t, fleet), lab.Options{AuthorizedKeys: []string{authorized}})
	strict := pinLab(t, l, hostkey.Strict)
	tests := []struct {
		name, device string
		max          int64
		want         error
	}{
		{name: "endless-output", device: "lab-rtr-2", max: 256 << 10, want: collect.ErrOutputTooLarge},
		{name: "hang-after-auth", device: "lab-hang", want: collect.ErrTimeout},
	}
	before := runtime.NumGoroutine()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tg := labTarget(t, l.Device(tc.device), strict)
			tg.Password, tg.KeyFile = "", keyFile
			tg.Transport, tg.SSHConfig = collect.TransportSystem, cfg
			tg.MaxOutputBytes, tg.CommandTimeout, tg.ConnectTimeout = tc.max, time.Second, time.Second
			_, err := collect.CollectSSH(t.Context(), tg, nil)
			require.ErrorIs(t, err, tc.want)
		})
	}
	require.Eventually(t, func() bool { return runtime.NumGoroutine() <= before+2 }, 10*time.Second, 20*time.Millisecond,
		"goroutines: before %d, now %d (ssh not reaped?)", before, runtime.NumGoroutine())
}
