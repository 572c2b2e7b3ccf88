package collect

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"golang.org/x/crypto/ssh"
)

// dialOffbox opens an SSH connection for file transfer. The host key is
// checked by the same store as the CLI session, before any credential is
// offered: a changed key fails with hostkey.ErrHostKeyChanged.
func dialOffbox(ctx context.Context, t HashTarget) (*ssh.Client, error) {
	if t.HostKeys == nil {
		return nil, errors.New("off-box hash: no host key store")
	}
	if t.Port == 0 {
		t.Port = 22
	}
	if t.ConnectTimeout <= 0 {
		t.ConnectTimeout = defaultConnectTimeout
	}
	addr := net.JoinHostPort(t.Address, strconv.Itoa(t.Port))
	d := &net.Dialer{Timeout: t.ConnectTimeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, classify(fmt.Errorf("dial %s: %w", addr, err))
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	_ = conn.SetDeadline(time.Now().Add(t.ConnectTimeout))
	auth, err := (&sshTransport{keyFile: t.KeyFile}).authMethods(t.Password)
	if err != nil {
		_ = conn.Close()
		return nil, err
	}
	var keyErr error
	check := t.HostKeys.Callback(t.Name)
	cfg := &ssh.ClientConfig{
		User: t.Username,
		Auth: auth,
		HostKeyCallback: func(host string, remote net.Addr, key ssh.PublicKey) error {
			keyErr = check(host, remote, key)
			return keyErr
		},
		HostKeyAlgorithms: t.HostKeys.Algorithms(addr),
		Timeout:           t.ConnectTimeout,
	}
	c, chans, reqs, err := ssh.NewClientConn(conn, addr, cfg)
	if err != nil {
		_ = conn.Close()
		if keyErr != nil {
			return nil, fmt.Errorf("verify host key: %w", keyErr)
		}
		if ctx.Err() != nil {
			return nil, ctxCause(ctx)
		}
		return nil, classify(fmt.Errorf("ssh handshake: %w", err))
	}
	_ = conn.SetDeadline(time.Time{})
	return ssh.NewClient(c, chans, reqs), nil
}
