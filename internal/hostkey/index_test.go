package hostkey

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// TestPlainIndexAgreesWithKnownhosts: on a plain file the index gives
// knownhosts' answer (accept, changed with the same pinned lines,
// revoked, unknown) for every host × key.
func TestPlainIndexAgreesWithKnownhosts(t *testing.T) {
	a, b, c, revoked := indexKey(t), indexKey(t), indexKey(t), indexKey(t)
	file := strings.Join([]string{
		"# fleet",
		knownhosts.Line([]string{"[127.0.0.1]:2201"}, a),
		knownhosts.Line([]string{"[127.0.0.1]:2202", "r2.example.net"}, b),
		"",
		knownhosts.Line([]string{"[127.0.0.1]:2202"}, c), // a second key for the host
		knownhosts.Line([]string{"10.0.0.9"}, a),         // port 22
		"@revoked * " + string(ssh.MarshalAuthorizedKey(revoked)),
	}, "\n")
	path := filepath.Join(t.TempDir(), "known_hosts")
	require.NoError(t, os.WriteFile(path, []byte(file), 0o600))
	ref, err := knownhosts.New(path)
	require.NoError(t, err)
	idx, ok, err := buildPlainIndex(path)
	require.NoError(t, err)
	require.True(t, ok)
	for _, host := range []string{"127.0.0.1:2201", "127.0.0.1:2202", "r2.example.net:22", "10.0.0.9:22", "10.0.0.9:2201", "127.0.0.1:9999"} {
		for i, key := range []ssh.PublicKey{a, b, c, revoked} {
			t.Run(fmt.Sprintf("%s/key%d", host, i), func(t *testing.T) {
				want := ref(host, fakeAddr(host), key)
				got := idx.check(host, fakeAddr(host), key)
				require.Equal(t, describe(want), describe(got))
			})
		}
	}
}

// describe renders a knownhosts result comparably: nil, revoked at a
// line, or the pinned lines of a KeyError.
func describe(err error) string {
	var ke *knownhosts.KeyError
	var re *knownhosts.RevokedError
	switch {
	case err == nil:
		return "accepted"
	case errors.As(err, &re):
		return fmt.Sprintf("revoked %s:%d", re.Revoked.Filename, re.Revoked.Line)
	case errors.As(err, &ke):
		var lines []string
		for _, k := range ke.Want {
			lines = append(lines, fmt.Sprintf("%s:%d %s", k.Filename, k.Line, Fingerprint(k.Key)))
		}
		return "want " + strings.Join(lines, ",")
	}
	return "error " + err.Error()
}

// TestPlainIndexLeavesPatternsToKnownhosts: hashed names, wildcards,
// negations and CA lines are not indexed, and Store still honours them.
func TestPlainIndexLeavesPatternsToKnownhosts(t *testing.T) {
	k := indexKey(t)
	for name, line := range map[string]string{
		"hashed":   knownhosts.Line([]string{knownhosts.HashHostname("[127.0.0.1]:2201")}, k),
		"wildcard": knownhosts.Line([]string{"[127.0.0.*]:2201"}, k),
		"negation": knownhosts.Line([]string{"[127.0.0.1]:2201", "!10.1.1.1"}, k),
		"ca":       "@cert-authority [127.0.0.1]:2201 " + string(ssh.MarshalAuthorizedKey(k)),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "known_hosts")
			require.NoError(t, os.WriteFile(path, []byte(line+"\n"), 0o600))
			_, ok, err := buildPlainIndex(path)
			require.NoError(t, err)
			require.False(t, ok)
			if name == "ca" {
				return
			}
			s, err := Open(path, Strict)
			require.NoError(t, err)
			require.NoError(t, s.Callback("r1")("127.0.0.1:2201", fakeAddr("127.0.0.1:2201"), k))
			require.ErrorIs(t, s.Callback("r1")("127.0.0.1:2201", fakeAddr("127.0.0.1:2201"), indexKey(t)), ErrHostKeyChanged)
		})
	}
}

// BenchmarkHostKeyCheck: one check against a 10,000-host known_hosts,
// indexed versus knownhosts' scan.
func BenchmarkHostKeyCheck(b *testing.B) {
	var sb strings.Builder
	keys := make([]ssh.PublicKey, 10000)
	for i := range keys {
		keys[i] = indexKey(b)
		sb.WriteString(knownhosts.Line([]string{fmt.Sprintf("[127.0.%d.%d]:22%02d", i/250, i%250, i%100)}, keys[i]) + "\n")
	}
	path := filepath.Join(b.TempDir(), "known_hosts")
	require.NoError(b, os.WriteFile(path, []byte(sb.String()), 0o600))
	ref, err := knownhosts.New(path)
	require.NoError(b, err)
	idx, ok, err := buildPlainIndex(path)
	require.NoError(b, err)
	require.True(b, ok)
	for name, check := range map[string]ssh.HostKeyCallback{"index": idx.check, "knownhosts": ref} {
		b.Run(name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				n := i % len(keys)
				h := fmt.Sprintf("127.0.%d.%d:22%02d", n/250, n%250, n%100)
				if err := check(h, fakeAddr(h), keys[n]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

func indexKey(t testing.TB) ssh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	k, err := ssh.NewPublicKey(pub)
	require.NoError(t, err)
	return k
}
