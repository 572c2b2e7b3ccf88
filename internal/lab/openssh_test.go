package lab_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/testpeer"
)

// openSSH returns the path of OpenSSH's ssh client, skipping the test when it
// is missing (failing instead in CI).
func openSSH(t *testing.T) string {
	t.Helper()
	return testpeer.OpenSSH(t)
}

// userKey writes an ed25519 private key for ssh -i and returns its
// authorized_keys line.
func userKey(t *testing.T, dir string) (string, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	block, err := ssh.MarshalPrivateKey(priv, "")
	require.NoError(t, err)
	path := filepath.Join(dir, "id_ed25519")
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(block), 0o600))
	sp, err := ssh.NewPublicKey(pub)
	require.NoError(t, err)
	return path, string(ssh.MarshalAuthorizedKey(sp))
}

// runSSH runs one command with OpenSSH and returns its stdout (the device's
// output) and its stderr (OpenSSH's own diagnostics) apart.
func runSSH(t *testing.T, bin, dir, key string, d *lab.Device, command string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-F", "/dev/null",
		"-o", "UserKnownHostsFile="+filepath.Join(dir, "known_hosts"),
		"-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
		"-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10",
		"-i", key, "-p", strconv.Itoa(d.Port()), lab.DefaultUsername+"@127.0.0.1", command)
	var errBuf strings.Builder
	cmd.Stderr = &errBuf
	out, err := cmd.Output()
	return string(out), errBuf.String(), err
}

func TestOpenSSH_ExecAndStrictHostKey(t *testing.T) {
	bin := openSSH(t)
	dir := t.TempDir()
	key, authorized := userKey(t, dir)
	f, err := lab.LoadFleet(fleetPath)
	require.NoError(t, err)
	l := labtest.StartFleet(t, f, lab.Options{AuthorizedKeys: []string{authorized}})
	require.NoError(t, l.WriteInventory(dir))
	d := l.Device("dc1-dist-sw-01")

	out, diag, err := runSSH(t, bin, dir, key, d, "show version")
	require.NoError(t, err, diag)
	require.Contains(t, out, "Cisco IOS XE Software, Version 17.09.04a")
	require.Contains(t, out, "BOOTLDR: System Bootstrap, Version 17.9.1r, RELEASE SOFTWARE (P)")

	d.RotateHostKey()
	before := d.AuthAttempts()
	out, diag, err = runSSH(t, bin, dir, key, d, "show version")
	require.Error(t, err, "strict host key checking must refuse a changed key")
	require.Contains(t, diag, "HOST IDENTIFICATION HAS CHANGED")
	require.NotContains(t, out, "Cisco IOS XE Software")
	require.Equal(t, before, d.AuthAttempts(), "OpenSSH sent no credentials to the changed key")
}
