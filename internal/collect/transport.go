package collect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/scrapli/scrapligo/transport"
	"golang.org/x/crypto/ssh"
)

const (
	// DefaultMaxOutputBytes is the per-command byte budget.
	DefaultMaxOutputBytes = 8 << 20
	// readWait is how long Read blocks when nothing has arrived, so
	// scrapligo's read loop sleeps instead of spinning.
	readWait = 20 * time.Millisecond
	// pumpChunk and pumpDepth bound what is read ahead of the budget check.
	pumpChunk = 32 << 10
	pumpDepth = 8
)

// sshTransport is a scrapligo transport.Implementation over x/crypto/ssh
// that verifies host keys before auth, caps the bytes read per command and
// can be aborted from another goroutine (ctx cancel, watchdog), which
// unblocks any pending Read or Write.
type sshTransport struct {
	dial           func(network, addr string) (net.Conn, error) // bound to the collection ctx
	connectTimeout time.Duration
	authTimeout    time.Duration // SSH handshake, authentication, pty and shell
	hostKey        ssh.HostKeyCallback
	hostKeyAlgos   []string
	keyFile        string
	legacy         bool      // offer legacy SSH algorithms too (legacy.go)
	name           string    // the device, for jump hosts' host-key messages
	jumps          []JumpHop // hops to reach the device through (jump.go)
	max            int64
	budget         *Budget // the device's memory budget (budget.go); nil → none

	used       atomic.Int64
	seenKey    atomic.Pointer[string] // SHA256 fingerprint of the key presented
	hostKeyErr atomic.Pointer[error]  // why the host key was refused

	mu       sync.Mutex
	conn     net.Conn
	client   *ssh.Client
	hops     []*ssh.Client // jump hosts' clients, closed with the session
	kill     func()        // stops the ssh process (transport_system.go)
	stdin    io.WriteCloser
	cause    error // why the transport stopped; first one wins
	reported bool  // cause already returned from Read
	done     chan struct{}

	chunks  chan []byte
	pending []byte
	timer   *time.Timer
}

func newSSHTransport(ctx context.Context, connectTimeout time.Duration, hostKey ssh.HostKeyCallback, max int64) *sshTransport {
	d := &net.Dialer{Timeout: connectTimeout}
	t := &sshTransport{
		dial:           func(n, a string) (net.Conn, error) { return d.DialContext(ctx, n, a) },
		connectTimeout: connectTimeout,
		authTimeout:    connectTimeout,
		max:            max,
		done:           make(chan struct{}),
		chunks:         make(chan []byte, pumpDepth),
	}
	t.hostKey = func(host string, remote net.Addr, key ssh.PublicKey) error {
		fp := ssh.FingerprintSHA256(key)
		t.seenKey.Store(&fp)
		err := hostKey(host, remote, key)
		if err != nil {
			t.hostKeyErr.Store(&err)
		}
		return err
	}
	return t
}

// Open dials, verifies the host key, authenticates, and starts a shell on a PTY.
func (t *sshTransport) Open(a *transport.Args) error {
	addr := net.JoinHostPort(a.Host, strconv.Itoa(a.Port))
	conn, err := t.connect(addr) // direct, or through jump hosts (jump.go)
	if err != nil {
		return t.fail(err)
	}
	_ = t.conn.SetDeadline(time.Now().Add(t.authTimeout)) // handshake, auth, pty and shell
	auth, err := authMethods(t.keyFile, a.Password)
	if err != nil {
		return t.fail(err)
	}
	cfg := &ssh.ClientConfig{
		User:              a.User,
		Auth:              auth,
		HostKeyCallback:   t.hostKey,
		HostKeyAlgorithms: t.hostKeyAlgos,
		Timeout:           t.connectTimeout,
	}
	setAlgorithms(cfg, t.legacy)
	c, chans, reqs, err := ssh.NewClientConn(conn, addr, cfg)
	if hk := t.hostKeyErr.Load(); hk != nil {
		return t.fail(fmt.Errorf("verify host key: %w", *hk))
	}
	if err != nil {
		return t.fail(classify(legacyHint(fmt.Errorf("ssh handshake: %w", err), t.legacy)))
	}
	client := ssh.NewClient(c, chans, reqs)
	t.mu.Lock()
	t.client = client
	t.mu.Unlock()
	stdout, err := t.shell(client, a)
	if err != nil {
		return t.fail(classify(err))
	}
	_ = t.conn.SetDeadline(time.Time{})
	go t.pump(stdout)
	return nil
}

func (t *sshTransport) setConn(conn net.Conn) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cause != nil { // aborted while dialing
		_ = conn.Close()
		return t.cause
	}
	t.conn = conn
	return nil
}

func (t *sshTransport) shell(c *ssh.Client, a *transport.Args) (io.Reader, error) {
	s, err := c.NewSession()
	if err != nil {
		return nil, fmt.Errorf("open session: %w", err)
	}
	stdin, err := s.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("open session: %w", err)
	}
	stdout, err := s.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("open session: %w", err)
	}
	modes := ssh.TerminalModes{ssh.ECHO: 1, ssh.TTY_OP_ISPEED: 115200, ssh.TTY_OP_OSPEED: 115200}
	if err := s.RequestPty("vt100", a.TermHeight, a.TermWidth, modes); err != nil {
		return nil, fmt.Errorf("request pty: %w", err)
	}
	if err := s.Shell(); err != nil {
		return nil, fmt.Errorf("start shell: %w", err)
	}
	t.mu.Lock()
	t.stdin = stdin
	t.mu.Unlock()
	return stdout, nil
}

func authMethods(keyFile, password string) ([]ssh.AuthMethod, error) {
	var m []ssh.AuthMethod
	if keyFile != "" {
		b, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, fmt.Errorf("read key file: %w", err)
		}
		signer, err := ssh.ParsePrivateKey(b)
		if err != nil {
			return nil, fmt.Errorf("parse key file %s: %w", keyFile, err)
		}
		m = append(m, ssh.PublicKeys(signer))
	}
	if password != "" {
		m = append(m, ssh.Password(password),
			ssh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
				ans := make([]string, len(qs))
				for i := range ans {
					ans[i] = password
				}
				return ans, nil
			}))
	}
	return m, nil
}

// pumpBufs recycles the pumps' read buffers between sessions (each chunk
// sent on is a copy of its bytes).
var pumpBufs = sync.Pool{New: func() any { return new([pumpChunk]byte) }}

// pump copies stdout into t.chunks. The channel's small depth is the
// back-pressure: when nobody reads, the pump stops and SSH flow control
// stops the device.
func (t *sshTransport) pump(r io.Reader) {
	defer close(t.chunks)
	bp := pumpBufs.Get().(*[pumpChunk]byte)
	defer pumpBufs.Put(bp)
	buf := bp[:]
	for {
		n, err := r.Read(buf)
		if n > 0 {
			select {
			case t.chunks <- bytes.Clone(buf[:n]):
			case <-t.done:
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// Read returns up to n bytes that have arrived, waiting at most readWait
// when none have (nil, nil then). It fails with ErrOutputTooLarge once the
// current command's budget is spent, and returns io.EOF after the cause of
// a close has been reported once.
func (t *sshTransport) Read(n int) ([]byte, error) {
	if len(t.pending) == 0 {
		if t.timer == nil {
			t.timer = time.NewTimer(readWait)
		} else {
			t.timer.Reset(readWait)
		}
		select {
		case b, ok := <-t.chunks:
			if !ok {
				return nil, t.readErr()
			}
			t.pending = b
		case <-t.done:
			return nil, t.readErr()
		case <-t.timer.C:
			return nil, nil
		}
	}
	b := t.pending[:min(n, len(t.pending))]
	t.pending = t.pending[len(b):]
	if used := t.used.Add(int64(len(b))); used > t.max {
		t.abort(fmt.Errorf("%w: device sent more than %d bytes", ErrOutputTooLarge, t.max))
		return nil, t.readErr()
	}
	if err := t.budget.Reserve(int64(len(b))); err != nil {
		t.abort(err)
		return nil, t.readErr()
	}
	return b, nil
}

func (t *sshTransport) readErr() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.reported || t.cause == nil || errors.Is(t.cause, errClosed) {
		return io.EOF
	}
	t.reported = true
	return t.cause
}

// Write sends b to the shell.
func (t *sshTransport) Write(b []byte) error {
	t.mu.Lock()
	w, cause := t.stdin, t.cause
	t.mu.Unlock()
	if cause != nil {
		return cause
	}
	if w == nil {
		return fmt.Errorf("write: %w", net.ErrClosed)
	}
	if _, err := w.Write(b); err != nil {
		return t.fail(fmt.Errorf("write: %w", err))
	}
	return nil
}

// IsAlive reports whether the session is open.
func (t *sshTransport) IsAlive() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.cause == nil && t.stdin != nil
}

// Close closes the connection; safe to call many times and concurrently.
func (t *sshTransport) Close() error {
	t.abort(errClosed)
	return nil
}

// abort records cause (the first one wins) and closes the connection,
// which unblocks pending reads and writes.
func (t *sshTransport) abort(cause error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cause != nil {
		return
	}
	t.cause = cause
	close(t.done)
	if t.client != nil {
		_ = t.client.Close()
	}
	for _, h := range slices.Backward(t.hops) {
		_ = h.Close()
	}
	if t.kill != nil {
		t.kill()
	}
	if t.conn != nil {
		_ = t.conn.Close()
	}
}

// fail aborts with err unless an earlier cause exists, and returns the
// cause that won (so a ctx cancel is not reported as a read error).
func (t *sshTransport) fail(err error) error {
	t.abort(err)
	return t.Cause()
}

// Cause is why the transport stopped, or nil while it runs.
func (t *sshTransport) Cause() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if errors.Is(t.cause, errClosed) {
		return nil
	}
	return t.cause
}

// resetBudget starts a new command's byte budget.
func (t *sshTransport) resetBudget() { t.used.Store(0) }

// hostKeySHA256 is the fingerprint of the key the device presented, or "".
func (t *sshTransport) hostKeySHA256() string {
	if p := t.seenKey.Load(); p != nil {
		return *p
	}
	return ""
}

// classify wraps a connect-phase error in the sentinel the caller acts on.
func classify(err error) error {
	var ne net.Error
	switch {
	case strings.Contains(err.Error(), "unable to authenticate"):
		return fmt.Errorf("%w: %w", ErrAuth, err)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	case errors.Is(err, context.Canceled):
		return err
	}
	return fmt.Errorf("%w: %w", ErrConnect, err)
}
