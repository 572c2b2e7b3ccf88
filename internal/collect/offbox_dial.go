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
	// tr only opens the byte stream: direct, or through t.Jump (jump.go).
	tr := newSSHTransport(ctx, t.ConnectTimeout, nil, 0)
	tr.name, tr.jumps = t.Name, t.Jump
	conn, err := tr.connect(addr)
	if err != nil {
		tr.abort(errClosed)
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { tr.abort(errClosed) })
	defer stop()
	_ = tr.conn.SetDeadline(time.Now().Add(t.ConnectTimeout))
	auth, err := authMethods(t.KeyFile, t.Password)
	if err != nil {
		tr.abort(errClosed)
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
		tr.abort(errClosed)
		if keyErr != nil {
			return nil, fmt.Errorf("verify host key: %w", keyErr)
		}
		if ctx.Err() != nil {
			return nil, ctxCause(ctx)
		}
		return nil, classify(fmt.Errorf("ssh handshake: %w", err))
	}
	_ = tr.conn.SetDeadline(time.Time{})
	client := ssh.NewClient(c, chans, reqs)
	go func() { // the hops and the TCP connection end with the client
		_ = client.Wait()
		tr.abort(errClosed)
	}()
	return client, nil
}
