package hostkey_test

import (
	"net"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"fwaudit/internal/hostkey"
)

// server is a real x/crypto/ssh server on loopback that counts every
// authentication attempt it receives.
type server struct {
	addr     string
	attempts atomic.Int64
}

func startServer(t *testing.T, key ssh.Signer) *server {
	t.Helper()
	s := &server{}
	cfg := &ssh.ServerConfig{
		PasswordCallback: func(ssh.ConnMetadata, []byte) (*ssh.Permissions, error) {
			return nil, nil
		},
		AuthLogCallback: func(_ ssh.ConnMetadata, method string, _ error) {
			s.attempts.Add(1)
		},
	}
	cfg.AddHostKey(key)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = ln.Close() })
	s.addr = ln.Addr().String()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				sc, chans, reqs, err := ssh.NewServerConn(c, cfg)
				if err != nil {
					return
				}
				go ssh.DiscardRequests(reqs)
				for nc := range chans {
					_ = nc.Reject(ssh.Prohibited, "no")
				}
				_ = sc.Close()
			}()
		}
	}()
	return s
}

func dial(s *Store, name, addr string) error {
	c, err := ssh.Dial("tcp", addr, &ssh.ClientConfig{
		User:            "admin",
		Auth:            []ssh.AuthMethod{ssh.Password("secret")},
		HostKeyCallback: s.Callback(name),
		Timeout:         5 * time.Second,
	})
	if err == nil {
		_ = c.Close()
	}
	return err
}

type Store = hostkey.Store

func TestRefusedKeySendsNoCredentials(t *testing.T) {
	key := newKey(t)
	srv := startServer(t, key)
	path := filepath.Join(t.TempDir(), "known_hosts")

	// Unknown host under strict: refused before auth.
	strict, err := hostkey.Open(path, hostkey.Strict)
	require.NoError(t, err)
	err = dial(strict, "rtr-1", srv.addr)
	require.ErrorIs(t, err, hostkey.ErrHostKeyUnknown)
	require.Zero(t, srv.attempts.Load())

	// TOFU pins and logs in.
	tofu, err := hostkey.Open(path, hostkey.TOFU)
	require.NoError(t, err)
	require.NoError(t, dial(tofu, "rtr-1", srv.addr))
	require.Positive(t, srv.attempts.Load())
	seen, ok := tofu.Seen("rtr-1")
	require.True(t, ok)
	require.Equal(t, hostkey.Fingerprint(key.PublicKey()), hostkey.Fingerprint(seen))

	// The pinned key is now known to strict.
	strict, err = hostkey.Open(path, hostkey.Strict)
	require.NoError(t, err)
	require.NoError(t, dial(strict, "rtr-1", srv.addr))

	// Pin a different key for the same address: the key "changed".
	other := newKey(t)
	require.NoError(t, os.WriteFile(path,
		[]byte(knownhosts.Line([]string{knownhosts.Normalize(srv.addr)}, other.PublicKey())+"\n"), 0o600))
	for _, p := range []hostkey.Policy{hostkey.Strict, hostkey.TOFU} {
		st, err := hostkey.Open(path, p)
		require.NoError(t, err)
		before := srv.attempts.Load()
		err = dial(st, "rtr-1", srv.addr)
		require.ErrorIs(t, err, hostkey.ErrHostKeyChanged, "policy %s", p)
		require.Equal(t, before, srv.attempts.Load(), "policy %s: no auth attempt after a refused key", p)
		seen, _ := st.Seen("rtr-1")
		require.Equal(t, hostkey.Fingerprint(key.PublicKey()), hostkey.Fingerprint(seen))
	}
}
