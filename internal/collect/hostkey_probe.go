package collect

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"
)

// errProbeDone stops the handshake as soon as the host key is known: the
// key exchange ends there, before the user-authentication phase.
var errProbeDone = errors.New("host key read; handshake stopped before authentication")

// HostKeyProbe says how to read the host key a device presents.
type HostKeyProbe struct {
	Address string
	Port    int // 0 → 22
	// Algorithms are the host key algorithms to ask for (hostkey.Store
	// Algorithms); nil: the modern defaults.
	Algorithms []string
	// Legacy also offers the legacy algorithms (ssh-rsa, CBC, SHA-1 kex).
	Legacy  bool
	Timeout time.Duration // 0 → 10s
}

// PresentedHostKey connects to the device and returns the host key it
// presents. It never authenticates: the host key callback records the key
// and fails the handshake, so no user name, password or key is sent.
func PresentedHostKey(ctx context.Context, p HostKeyProbe) (ssh.PublicKey, error) {
	port, timeout := p.Port, p.Timeout
	if port == 0 {
		port = 22
	}
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	addr := net.JoinHostPort(p.Address, strconv.Itoa(port))
	d := &net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, dialError(addr, err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	_ = conn.SetDeadline(time.Now().Add(timeout))
	var seen atomic.Pointer[ssh.PublicKey]
	cfg := &ssh.ClientConfig{
		User: "fwaudit-hostkey-probe", // never used: the handshake stops first
		HostKeyCallback: func(_ string, _ net.Addr, key ssh.PublicKey) error {
			seen.Store(&key)
			return errProbeDone
		},
		HostKeyAlgorithms: p.Algorithms,
		Timeout:           timeout,
	}
	setAlgorithms(cfg, p.Legacy)
	c, _, _, err := ssh.NewClientConn(conn, addr, cfg)
	if c != nil { // cannot happen: the callback always refuses
		_ = c.Close()
		return nil, errors.New("read host key: handshake was not stopped")
	}
	if k := seen.Load(); k != nil {
		return *k, nil
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("read host key: %w", context.Cause(ctx))
	}
	return nil, classify(legacyHint(fmt.Errorf("read host key: ssh handshake: %w", err), p.Legacy))
}
