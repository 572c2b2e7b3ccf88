package lab_test

import (
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

func TestImageBytes_DeterministicAndHashed(t *testing.T) {
	tests := []struct {
		name string
		seed string
		size int64
	}{
		{"empty", "x.bin", 0},
		{"one-byte", "x.bin", 1},
		{"not-block-aligned", "x.bin", 1000},
		{"one-mib", "cat9k_iosxe.17.09.04a.SPA.bin", 1 << 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := io.ReadAll(lab.ImageBytes(tc.seed, tc.size))
			require.NoError(t, err)
			require.Len(t, a, int(tc.size))
			b, err := io.ReadAll(lab.ImageBytes(tc.seed, tc.size))
			require.NoError(t, err)
			require.Equal(t, a, b)
			sum := sha512.Sum512(a)
			require.Equal(t, hex.EncodeToString(sum[:]), lab.ImageSHA512(tc.seed, tc.size))
		})
	}
	other, err := io.ReadAll(lab.ImageBytes("other", 1000))
	require.NoError(t, err)
	same, err := io.ReadAll(lab.ImageBytes("x.bin", 1000))
	require.NoError(t, err)
	require.NotEqual(t, same, other, "a different seed gives different bytes")
	require.NotEqual(t, lab.ImageSHA512("x.bin", 1000), lab.ImageSHA512("x.bin", 999))
}

func TestRotateHostKey_NewConnectionsSeeNewKey(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	d := l.Device("dc1-core-rtr-01")
	old := d.HostKey()
	c := dial(t, d) // pinned to the old key
	d.RotateHostKey()
	require.NotEqual(t, old.Marshal(), d.HostKey().Marshal())

	before := d.AuthAttempts()
	_, err := ssh.Dial("tcp", d.Addr(), &ssh.ClientConfig{
		User:            lab.DefaultUsername,
		Auth:            []ssh.AuthMethod{ssh.Password(lab.DefaultPassword)},
		HostKeyCallback: ssh.FixedHostKey(old),
		Timeout:         5 * time.Second,
	})
	require.ErrorContains(t, err, "host key mismatch")
	require.Equal(t, before, d.AuthAttempts(), "a client that refuses the key sends no credentials")

	_, err = c.NewSession() // the old connection keeps working
	require.NoError(t, err)
	dial(t, d) // and the new key is served to new clients

	// the key is deterministic: the same fleet gives the same keys
	l2 := labtest.Start(t, fleetPath)
	require.Equal(t, old.Marshal(), l2.Device("dc1-core-rtr-01").HostKey().Marshal())
}

func TestAuthAttempts_CountsEveryMethod(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	d := l.Device("lon-wan-01")
	require.Zero(t, d.AuthAttempts())
	cfg := func(auth ...ssh.AuthMethod) *ssh.ClientConfig {
		return &ssh.ClientConfig{User: lab.DefaultUsername, Auth: auth, HostKeyCallback: ssh.FixedHostKey(d.HostKey()), Timeout: 5 * time.Second}
	}
	_, err := ssh.Dial("tcp", d.Addr(), cfg(ssh.Password("wrong")))
	require.Error(t, err)
	require.Equal(t, 2, d.AuthAttempts(), "none + password")

	ki := ssh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
		return []string{lab.DefaultPassword}, nil
	})
	c, err := ssh.Dial("tcp", d.Addr(), cfg(ki))
	require.NoError(t, err, "keyboard-interactive login")
	require.NoError(t, c.Close())
	require.Equal(t, 4, d.AuthAttempts(), "none + keyboard-interactive")
}

func TestWriteInventory(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	inv, err := os.ReadFile(filepath.Join(dir, "inventory.yaml"))
	require.NoError(t, err)
	s := string(inv)
	require.Contains(t, s, "password_env: FWAUDIT_PASSWORD")
	require.Contains(t, s, "enable_secret_env: FWAUDIT_ENABLE")
	require.Contains(t, s, "host_key_policy: strict")
	require.NotContains(t, s, lab.DefaultPassword)
	perPlatform := map[string]int{}
	for _, d := range l.Devices() {
		perPlatform[d.Spec().Platform]++
	}
	require.Len(t, perPlatform, 7, "the shipped fleet mixes seven platforms")
	for p, n := range perPlatform {
		require.Equal(t, n, strings.Count(s, "platform: "+p+"\n"), p)
	}

	cb, err := knownhosts.New(filepath.Join(dir, "known_hosts"))
	require.NoError(t, err)
	for _, d := range l.Devices() {
		require.Contains(t, s, "name: "+d.Name())
		addr, err := netAddr(d.Addr())
		require.NoError(t, err)
		require.NoError(t, cb(knownhosts.Normalize(d.Addr()), addr, d.HostKey()), d.Name())
	}
	d := l.Devices()[0]
	d.RotateHostKey()
	addr, _ := netAddr(d.Addr())
	var kerr *knownhosts.KeyError
	require.ErrorAs(t, cb(knownhosts.Normalize(d.Addr()), addr, d.HostKey()), &kerr)
}

func TestExec_RunsOneCommand(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	d := l.Device("fra-acc-sw-03")
	s, err := dial(t, d).NewSession()
	require.NoError(t, err)
	var out bytes.Buffer
	s.Stdout = &out
	require.NoError(t, s.Run("verify /sha512 bootflash:cat9k_iosxe.17.09.04a.SPA.bin"))
	// the drifted device serves other bytes under the approved name
	want := lab.ImageSHA512("cat9k_iosxe.17.09.04a.SPA.bin+implant", 8388608)
	require.Contains(t, out.String(), "verify /sha512 (bootflash:cat9k_iosxe.17.09.04a.SPA.bin) = "+want+"\r\n")
}
