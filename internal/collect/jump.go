package collect

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"

	"fwaudit/internal/hostkey"
)

// JumpHop is one SSH hop on the way to a Target. Each hop's host key is
// checked against its own store before its credentials are sent, exactly
// like the device's.
type JumpHop struct {
	Address  string
	Port     int // 0 → 22
	Username string
	// Password is already resolved; never logged.
	Password string
	KeyFile  string
	HostKeys *hostkey.Store
}

func (h JumpHop) addr() string {
	p := h.Port
	if p == 0 {
		p = 22
	}
	return net.JoinHostPort(h.Address, strconv.Itoa(p))
}

// connect opens the byte stream to addr: a TCP connection, or the last of
// a chain of direct-tcpip channels through t.jumps. t.conn is the outermost
// TCP connection either way: its deadline bounds every hop's handshake
// (all their bytes flow through it) and closing it ends them all.
func (t *sshTransport) connect(addr string) (net.Conn, error) {
	first := addr
	if len(t.jumps) > 0 {
		first = t.jumps[0].addr()
	}
	conn, err := t.dial("tcp", first)
	if err != nil {
		return nil, dialError(first, err)
	}
	if err := t.setConn(conn); err != nil {
		return nil, err
	}
	next := conn
	for i, h := range t.jumps {
		to := addr
		if i+1 < len(t.jumps) {
			to = t.jumps[i+1].addr()
		}
		if next, err = t.hop(next, i, h, to); err != nil {
			return nil, err
		}
	}
	return next, nil
}

// hop logs in to jump host i over conn and opens a channel from it to to.
func (t *sshTransport) hop(conn net.Conn, i int, h JumpHop, to string) (net.Conn, error) {
	name := fmt.Sprintf("jump host %d (%s)", i+1, h.addr())
	if h.HostKeys == nil {
		return nil, fmt.Errorf("%s: no host key store", name)
	}
	_ = t.conn.SetDeadline(time.Now().Add(t.authTimeout))
	auth, err := authMethods(h.KeyFile, h.Password)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var keyErr atomic.Pointer[error] // set from the handshake goroutine
	check := h.HostKeys.HopCallback(t.name, i+1)
	cfg := &ssh.ClientConfig{
		User: h.Username,
		Auth: auth,
		HostKeyCallback: func(host string, remote net.Addr, key ssh.PublicKey) error {
			err := check(host, remote, key)
			if err != nil {
				keyErr.Store(&err)
			}
			return err
		},
		HostKeyAlgorithms: h.HostKeys.Algorithms(h.addr()),
		Timeout:           t.connectTimeout,
	}
	setAlgorithms(cfg, false)
	c, chans, reqs, err := ssh.NewClientConn(conn, h.addr(), cfg)
	if ke := keyErr.Load(); ke != nil {
		return nil, fmt.Errorf("%s: verify host key: %w", name, *ke)
	}
	if err != nil {
		return nil, classify(fmt.Errorf("%s: ssh handshake: %w", name, err))
	}
	client := ssh.NewClient(c, chans, reqs)
	if err := t.addHop(client); err != nil {
		return nil, err
	}
	_ = t.conn.SetDeadline(time.Now().Add(t.connectTimeout))
	next, err := client.Dial("tcp", to)
	if err != nil {
		return nil, jumpDialError(name, to, err)
	}
	return next, nil
}

// addHop keeps a hop's client so abort closes it with the session.
func (t *sshTransport) addHop(c *ssh.Client) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cause != nil {
		_ = c.Close()
		return t.cause
	}
	t.hops = append(t.hops, c)
	return nil
}

// jumpDialError classifies a jump host's refusal to connect onwards: "connect
// failed" means the next host did not answer it (nothing was sent there, so
// retrying is safe); any other refusal is final.
func jumpDialError(name, to string, err error) error {
	var oe *ssh.OpenChannelError
	if errors.As(err, &oe) && oe.Reason == ssh.ConnectionFailed {
		return dialError(to, fmt.Errorf("through %s: %w", name, err))
	}
	return classify(fmt.Errorf("%s: open channel to %s: %w", name, to, err))
}
