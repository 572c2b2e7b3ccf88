package lab_test

import (
	"bytes"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/lab"
)

// dial logs in to a lab device with a password, pinning its host key.
func dial(t *testing.T, d *lab.Device) *ssh.Client {
	t.Helper()
	c, err := ssh.Dial("tcp", d.Addr(), &ssh.ClientConfig{
		User:            lab.DefaultUsername,
		Auth:            []ssh.AuthMethod{ssh.Password(lab.DefaultPassword)},
		HostKeyCallback: ssh.FixedHostKey(d.HostKey()),
		Timeout:         5 * time.Second,
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// term is an interactive PTY session that collects everything the device sends.
type term struct {
	t    *testing.T
	in   io.WriteCloser
	mu   sync.Mutex
	buf  bytes.Buffer
	seen int // bytes already consumed by expect
	sess *ssh.Session
}

func (tm *term) Write(p []byte) (int, error) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.buf.Write(p)
}

func openTerm(t *testing.T, c *ssh.Client) *term {
	t.Helper()
	s, err := c.NewSession()
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	require.NoError(t, s.RequestPty("vt100", 24, 200, ssh.TerminalModes{}))
	tm := &term{t: t, sess: s}
	s.Stdout = tm
	tm.in, err = s.StdinPipe()
	require.NoError(t, err)
	require.NoError(t, s.Shell())
	return tm
}

func (tm *term) send(s string) {
	tm.t.Helper()
	_, err := io.WriteString(tm.in, s)
	require.NoError(tm.t, err)
}

// expect waits until the unread output contains want and returns the unread
// output up to and including it.
func (tm *term) expect(want string) string {
	tm.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		tm.mu.Lock()
		rest := tm.buf.String()[tm.seen:]
		if i := strings.Index(rest, want); i >= 0 {
			tm.seen += i + len(want)
			tm.mu.Unlock()
			return rest[:i+len(want)]
		}
		tm.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	tm.mu.Lock()
	defer tm.mu.Unlock()
	tm.t.Fatalf("timed out waiting for %q; unread output:\n%s", want, tm.buf.String()[tm.seen:])
	return ""
}

// run sends a command and returns what it printed before the next prompt.
func (tm *term) run(cmd, prompt string) string {
	tm.t.Helper()
	tm.send(cmd + "\r")
	tm.expect(cmd + "\r\n")
	return strings.TrimSuffix(tm.expect(prompt), prompt)
}

func netAddr(hostport string) (*net.TCPAddr, error) { return net.ResolveTCPAddr("tcp", hostport) }
