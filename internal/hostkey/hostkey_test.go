package hostkey_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"fwaudit/internal/hostkey"
)

func newKey(t testing.TB) ssh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	s, err := ssh.NewSignerFromKey(priv)
	require.NoError(t, err)
	return s
}

func writeKnownHosts(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "known_hosts")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600))
	return path
}

var remote = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}

const host = "127.0.0.1:2222"

func TestCallback(t *testing.T) {
	pinned, other := newKey(t).PublicKey(), newKey(t).PublicKey()
	plain := knownhosts.Line([]string{knownhosts.Normalize(host)}, pinned)
	hashed := knownhosts.Line([]string{knownhosts.HashHostname(knownhosts.Normalize(host))}, pinned)
	require.True(t, strings.HasPrefix(hashed, "|1|"))

	tests := []struct {
		name    string
		policy  hostkey.Policy
		lines   []string // nil: no file
		key     ssh.PublicKey
		wantErr error
		pinned  bool // a line for the key was appended
	}{
		{name: "strict-known", policy: hostkey.Strict, lines: []string{plain}, key: pinned},
		{name: "strict-known-hashed", policy: hostkey.Strict, lines: []string{hashed}, key: pinned},
		{name: "strict-unknown", policy: hostkey.Strict, lines: []string{"# empty"}, key: other, wantErr: hostkey.ErrHostKeyUnknown},
		{name: "strict-no-file", policy: hostkey.Strict, key: other, wantErr: hostkey.ErrHostKeyUnknown},
		{name: "strict-changed", policy: hostkey.Strict, lines: []string{plain}, key: other, wantErr: hostkey.ErrHostKeyChanged},
		{name: "strict-changed-hashed", policy: hostkey.Strict, lines: []string{hashed}, key: other, wantErr: hostkey.ErrHostKeyChanged},
		{name: "tofu-known", policy: hostkey.TOFU, lines: []string{plain}, key: pinned},
		{name: "tofu-unknown", policy: hostkey.TOFU, lines: []string{"# empty"}, key: other, pinned: true},
		{name: "tofu-no-file", policy: hostkey.TOFU, key: other, pinned: true},
		{name: "tofu-changed", policy: hostkey.TOFU, lines: []string{plain}, key: other, wantErr: hostkey.ErrHostKeyChanged},
		{name: "tofu-changed-hashed", policy: hostkey.TOFU, lines: []string{hashed}, key: other, wantErr: hostkey.ErrHostKeyChanged},
		{name: "revoked", policy: hostkey.TOFU, lines: []string{"@revoked * " + strings.TrimSpace(string(ssh.MarshalAuthorizedKey(other)))}, key: other, wantErr: hostkey.ErrHostKeyChanged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sub", "known_hosts")
			if tc.lines != nil {
				path = writeKnownHosts(t, tc.lines...)
			}
			before, _ := os.ReadFile(path)
			s, err := hostkey.Open(path, tc.policy)
			require.NoError(t, err)

			err = s.Callback("rtr-1")(host, remote, tc.key)
			seen, ok := s.Seen("rtr-1")
			require.True(t, ok, "the key is recorded even when refused")
			require.Equal(t, hostkey.Fingerprint(tc.key), hostkey.Fingerprint(seen))
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
				require.Contains(t, err.Error(), "credentials were not sent")
				require.Contains(t, err.Error(), hostkey.Fingerprint(tc.key))
			} else {
				require.NoError(t, err)
			}
			after, _ := os.ReadFile(path)
			if !tc.pinned {
				require.Equal(t, string(before), string(after), "file must not change")
				return
			}
			require.Equal(t, string(before)+knownhosts.Line([]string{knownhosts.Normalize(host)}, tc.key)+"\n", string(after))
			st, err := os.Stat(path)
			require.NoError(t, err)
			require.Equal(t, os.FileMode(0o600), st.Mode().Perm())
			// Pinned: accepted from now on, by this store and by a fresh one.
			require.NoError(t, s.Callback("rtr-1")(host, remote, tc.key))
			s2, err := hostkey.Open(path, hostkey.Strict)
			require.NoError(t, err)
			require.NoError(t, s2.Callback("rtr-1")(host, remote, tc.key))
			require.ErrorIs(t, s2.Callback("rtr-1")(host, remote, pinnedOr(tc.key, pinned, other)), hostkey.ErrHostKeyChanged)
		})
	}
}

func pinnedOr(k, a, b ssh.PublicKey) ssh.PublicKey {
	if string(k.Marshal()) == string(a.Marshal()) {
		return b
	}
	return a
}

func TestChangedMessageStatesTheFix(t *testing.T) {
	pinned, other := newKey(t).PublicKey(), newKey(t).PublicKey()
	path := writeKnownHosts(t, knownhosts.Line([]string{knownhosts.Normalize(host)}, pinned))
	s, err := hostkey.Open(path, hostkey.Strict)
	require.NoError(t, err)
	err = s.Callback("core-rtr-01")(host, remote, other)
	require.ErrorIs(t, err, hostkey.ErrHostKeyChanged)
	msg := err.Error()
	for _, want := range []string{
		"core-rtr-01", hostkey.Fingerprint(pinned), hostkey.Fingerprint(other), "credentials were not sent",
		"remove the line for [127.0.0.1]:2222 from " + path, "fwaudit hostkey accept core-rtr-01",
	} {
		require.Contains(t, msg, want)
	}
}

func TestUnknownMessageSaysHowToPin(t *testing.T) {
	s, err := hostkey.Open(filepath.Join(t.TempDir(), "known_hosts"), hostkey.Strict)
	require.NoError(t, err)
	err = s.Callback("edge-1")(host, remote, newKey(t).PublicKey())
	require.ErrorIs(t, err, hostkey.ErrHostKeyUnknown)
	require.Contains(t, err.Error(), "ssh-keyscan -p 2222 127.0.0.1")
	require.Contains(t, err.Error(), "fwaudit hostkey accept edge-1 --fingerprint ")
	require.Contains(t, err.Error(), "ssh: {host_key_policy: tofu}")
	require.NotContains(t, err.Error(), "--host-key-policy", "fwaudit has no such flag")
}

func TestTOFUConcurrentPins(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "ssh")
	path := filepath.Join(dir, "known_hosts")
	s, err := hostkey.Open(path, hostkey.TOFU)
	require.NoError(t, err)
	const workers = 32
	keys := make([]ssh.PublicKey, workers)
	for i := range keys {
		keys[i] = newKey(t).PublicKey()
	}
	var wg sync.WaitGroup
	errs := make([]error, workers*2)
	for i := range workers * 2 { // every host twice, concurrently
		wg.Go(func() {
			h := fmt.Sprintf("127.0.0.1:%d", 3000+i%workers)
			errs[i] = s.Callback(h)(h, remote, keys[i%workers])
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	require.Len(t, lines, workers, "one whole line per host, no duplicates")
	st, err := os.Stat(dir)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), st.Mode().Perm())

	strict, err := hostkey.Open(path, hostkey.Strict)
	require.NoError(t, err)
	for i, k := range keys {
		h := fmt.Sprintf("127.0.0.1:%d", 3000+i)
		require.NoError(t, strict.Callback(h)(h, remote, k))
	}
}

func TestAppendAfterMissingNewline(t *testing.T) {
	a, b := newKey(t).PublicKey(), newKey(t).PublicKey()
	path := filepath.Join(t.TempDir(), "known_hosts")
	require.NoError(t, os.WriteFile(path, []byte(knownhosts.Line([]string{"[10.0.0.1]:22"}, a)), 0o600))
	s, err := hostkey.Open(path, hostkey.TOFU)
	require.NoError(t, err)
	require.NoError(t, s.Callback("x")(host, remote, b))
	s2, err := hostkey.Open(path, hostkey.Strict)
	require.NoError(t, err)
	require.NoError(t, s2.Callback("x")(host, remote, b))
	require.NoError(t, s2.Callback("y")("10.0.0.1:22", remote, a))
}

func TestAlgorithms(t *testing.T) {
	k := newKey(t).PublicKey()
	path := writeKnownHosts(t, knownhosts.Line([]string{knownhosts.Normalize(host)}, k))
	s, err := hostkey.Open(path, hostkey.Strict)
	require.NoError(t, err)
	require.Equal(t, []string{ssh.KeyAlgoED25519}, s.Algorithms(host))
	require.Nil(t, s.Algorithms("127.0.0.1:9999"))
}

func TestOpenRejects(t *testing.T) {
	_, err := hostkey.Open(filepath.Join(t.TempDir(), "kh"), "loose")
	require.ErrorContains(t, err, "strict, tofu")
	p, err := hostkey.ParsePolicy("")
	require.NoError(t, err)
	require.Equal(t, hostkey.Strict, p)
}
