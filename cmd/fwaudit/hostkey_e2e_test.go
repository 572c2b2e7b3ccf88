package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

// startHostkeyLab starts two clean IOS XE devices and writes their
// inventory and known_hosts (with a comment line) into a temp dir.
func startHostkeyLab(t *testing.T) (*lab.Lab, string) {
	t.Helper()
	f := labtest.Fleet(t, `
defaults:
  platform: cisco_iosxe
  os_version: "17.09.04a"
  config_register: "0x2102"
devices:
  - name: hk-sw-01
    model: C9300-48P
    rommon: "17.9.1r[FC2]"
    image: cat9k_iosxe.17.09.04a.SPA.bin
    files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 8388608}]
  - name: hk-sw-02
    model: C9300-48P
    rommon: "17.9.1r[FC2]"
    image: cat9k_iosxe.17.09.04a.SPA.bin
    files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 8388608}]
`)
	l := labtest.StartFleet(t, f, lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	kh := filepath.Join(dir, "known_hosts")
	b, err := os.ReadFile(kh)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(kh, append([]byte("# lab devices, pinned at install\n"), b...), 0o640))
	require.NoError(t, os.Chmod(kh, 0o640)) // WriteFile keeps an existing file's mode
	t.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	t.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	return l, dir
}

// runCLI runs the command line against the lab inventory in dir.
func runCLI(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	args = append(args, "-i", filepath.Join(dir, "inventory.yaml"))
	if args[0] != "hostkey" { // hostkey reads only the inventory
		args = append(args, "--state", "none", "-b", "../../baselines")
	}
	code = execute(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// fp is a key's fingerprint as a regexp.
func fp(k ssh.PublicKey) string { return regexp.QuoteMeta(hostkey.Fingerprint(k)) }

func authAttempts(l *lab.Lab) int {
	n := 0
	for _, d := range l.Devices() {
		n += d.AuthAttempts()
	}
	return n
}

func TestHostkeyShow(t *testing.T) {
	l, dir := startHostkeyLab(t)
	sw1 := l.Device("hk-sw-01")

	code, out, errOut := runCLI(t, dir, "hostkey", "show", "hk-*")
	require.Equal(t, exitOK, code, "stdout: %s\nstderr: %s", out, errOut)
	require.Regexp(t, `hk-sw-01\s+127\.0\.0\.1:\d+\s+ssh-ed25519 `+fp(sw1.HostKey())+`\s+ssh-ed25519 `+fp(sw1.HostKey())+`\s+match\n`, out)
	require.Regexp(t, `hk-sw-02 .*\smatch\n`, out)
	require.Zero(t, authAttempts(l), "show never authenticates")

	old := sw1.HostKey()
	sw1.RotateHostKey()
	code, out, errOut = runCLI(t, dir, "hostkey", "show", "hk-sw-01", "hk-sw-02")
	require.Equal(t, exitDrift, code, "stdout: %s\nstderr: %s", out, errOut)
	require.Regexp(t, `hk-sw-01 .*`+fp(sw1.HostKey())+`\s+ssh-ed25519 `+fp(old)+`\s+CHANGED\n`, out)
	require.Regexp(t, `hk-sw-02 .*\smatch\n`, out)
	require.Zero(t, authAttempts(l), "show never authenticates, even to a changed key")

	// Nothing pinned: unknown.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "known_hosts"), []byte("# empty\n"), 0o600))
	code, out, _ = runCLI(t, dir, "hostkey", "show", "hk-sw-02")
	require.Equal(t, exitDrift, code)
	require.Regexp(t, `hk-sw-02 .*\snot pinned\s+unknown\n`, out)
	require.Zero(t, authAttempts(l))

	code, _, errOut = runCLI(t, dir, "hostkey", "show", "no-such-device")
	require.Equal(t, exitUsage, code, errOut)
}

func TestHostkeyAccept(t *testing.T) {
	l, dir := startHostkeyLab(t)
	sw1, sw2 := l.Device("hk-sw-01"), l.Device("hk-sw-02")
	kh := filepath.Join(dir, "known_hosts")
	oldKey := sw1.HostKey()
	oldLine := knownhosts.Line([]string{knownhosts.Normalize(sw1.Addr())}, oldKey)
	sw1.RotateHostKey()
	before, err := os.ReadFile(kh)
	require.NoError(t, err)
	require.Contains(t, string(before), oldLine)

	// The sweep refuses the device before sending credentials.
	code, _, _ := runCLI(t, dir, "sweep", "--device", "hk-sw-01")
	require.Equal(t, exitDrift, code, "SSH-001")
	require.Zero(t, sw1.AuthAttempts())

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "no-fingerprint", wantCode: exitUsage, wantErr: "--fingerprint is required"},
		{name: "wrong-fingerprint", args: []string{"--fingerprint", hostkey.Fingerprint(sw2.HostKey())}, wantCode: exitDrift, wantErr: "refused"},
		{name: "malformed-fingerprint", args: []string{"--fingerprint", "SHA256:nope"}, wantCode: exitUsage, wantErr: "fingerprint format"},
		{name: "two-devices", args: []string{"--fingerprint", hostkey.Fingerprint(sw1.HostKey()), "--device", "hk-sw-02"}, wantCode: exitUsage, wantErr: "unknown flag: --device"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, dir, append([]string{"hostkey", "accept", "hk-sw-01"}, tc.args...)...)
			require.Equal(t, tc.wantCode, code, errOut)
			require.Contains(t, errOut, tc.wantErr)
			after, err := os.ReadFile(kh)
			require.NoError(t, err)
			require.Equal(t, string(before), string(after), "known_hosts unchanged")
		})
	}
	_, _, errOut := runCLI(t, dir, "hostkey", "accept", "hk-sw-01")
	require.Contains(t, errOut, hostkey.Fingerprint(sw1.HostKey()), "the refusal shows what the device presents")

	code, out, errOut := runCLI(t, dir, "hostkey", "accept", "hk-sw-01", "--fingerprint", hostkey.Fingerprint(sw1.HostKey()), "--log-level", "info")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "replaced "+hostkey.Fingerprint(oldKey))
	require.Contains(t, errOut, "old_sha256="+hostkey.Fingerprint(oldKey))
	require.Contains(t, errOut, "host key re-pinned")
	require.Contains(t, errOut, "new_sha256="+hostkey.Fingerprint(sw1.HostKey()))
	after, err := os.ReadFile(kh)
	require.NoError(t, err)
	require.NotContains(t, string(after), oldLine)
	require.Contains(t, string(after), "# lab devices, pinned at install\n")
	require.Contains(t, string(after), knownhosts.Line([]string{knownhosts.Normalize(sw2.Addr())}, sw2.HostKey())+"\n")
	require.Contains(t, string(after), knownhosts.Line([]string{knownhosts.Normalize(sw1.Addr())}, sw1.HostKey())+"\n")
	require.Equal(t, 3, strings.Count(string(after), "\n"))
	st, err := os.Stat(kh)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o640), st.Mode().Perm(), "mode kept")
	require.Zero(t, authAttempts(l), "accept never authenticates")

	code, out, errOut = runCLI(t, dir, "hostkey", "accept", "hk-sw-01", "--fingerprint", hostkey.Fingerprint(sw1.HostKey()))
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "already pinned")

	code, out, errOut = runCLI(t, dir, "sweep", "--device", "hk-sw-01")
	require.Equal(t, exitOK, code, "stdout: %s\nstderr: %s", out, errOut)
	require.Positive(t, sw1.AuthAttempts())
}

func TestHostkeyAcceptHashed(t *testing.T) {
	l, dir := startHostkeyLab(t)
	sw1, sw2 := l.Device("hk-sw-01"), l.Device("hk-sw-02")
	kh := filepath.Join(dir, "known_hosts")
	hashed := func(d *lab.Device) string {
		return knownhosts.Line([]string{knownhosts.HashHostname(knownhosts.Normalize(d.Addr()))}, d.HostKey())
	}
	h1, h2 := hashed(sw1), hashed(sw2)
	require.NoError(t, os.WriteFile(kh, []byte("# hashed\n"+h1+"\n"+h2+"\n"), 0o600))
	code, out, _ := runCLI(t, dir, "hostkey", "show", "hk-sw-01")
	require.Equal(t, exitOK, code, out)

	sw1.RotateHostKey()
	code, out, _ = runCLI(t, dir, "hostkey", "show", "hk-sw-01")
	require.Equal(t, exitDrift, code)
	require.Contains(t, out, "CHANGED")

	code, _, errOut := runCLI(t, dir, "hostkey", "accept", "hk-sw-01", "--fingerprint", hostkey.Fingerprint(sw1.HostKey()))
	require.Equal(t, exitOK, code, errOut)
	after, err := os.ReadFile(kh)
	require.NoError(t, err)
	require.Equal(t, "# hashed\n"+h2+"\n"+knownhosts.Line([]string{knownhosts.Normalize(sw1.Addr())}, sw1.HostKey())+"\n", string(after))
	code, out, _ = runCLI(t, dir, "hostkey", "show", "hk-sw-01", "hk-sw-02")
	require.Equal(t, exitOK, code, out)
	require.Zero(t, authAttempts(l))
}
