package collect

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"fwaudit/internal/hostkey"
	"fwaudit/internal/textsafe"
)

var (
	// sshServerKeyRE finds the key ssh was shown (ssh -v: "Server host key: TYPE SHA256:…").
	sshServerKeyRE = regexp.MustCompile(`(?m)^debug1: Server host key: \S+ (SHA256:[A-Za-z0-9+/]{43})`)
	// sshSentKeyRE finds it in the changed-key warning.
	sshSentKeyRE = regexp.MustCompile(`(?m)^The fingerprint for the \S+ key sent by the remote host is\s*\n(SHA256:[A-Za-z0-9+/]{43})`)
	sshChangedRE = regexp.MustCompile(`(?m)^@\s+WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!`)
	sshRefusedRE = regexp.MustCompile(`(?m)^Host key verification failed\.`)
)

// sshServiceAccept is printed by ssh once the key exchange (and the host
// key check) is over. What comes after may quote the device (its login
// banner), so host-key verdicts are read only from the text before it.
const sshServiceAccept = "debug1: SSH2_MSG_SERVICE_ACCEPT received"

// preAuth is ssh's own text up to the end of the key exchange.
func preAuth(msg string) string {
	if i := strings.Index(msg, sshServiceAccept); i >= 0 {
		return msg[:i]
	}
	return msg
}

// serverKey is the fingerprint of the key the device presented, or "".
func serverKey(msg string) string {
	pre := preAuth(msg)
	if m := sshServerKeyRE.FindStringSubmatch(pre); m != nil {
		return m[1]
	}
	if m := sshSentKeyRE.FindStringSubmatch(pre); m != nil {
		return m[1]
	}
	return ""
}

// exitCause turns ssh's exit into the transport's cause, from its own
// messages: host key refused (nothing was sent), authentication refused,
// TCP connect failed (retryable), timed out, or the session ended.
func (t *systemTransport) exitCause(waitErr error) error {
	msg := t.stderr.String()
	pre := preAuth(msg)
	fp := serverKey(msg)
	if fp != "" {
		t.seenKey.Store(&fp)
	}
	last := lastSSHError(msg, waitErr)
	kh := t.store.Path()
	authenticated := strings.Contains(msg, "debug1: Authenticated to ")
	switch {
	case sshChangedRE.MatchString(pre):
		return fmt.Errorf("verify host key: %w: %s presented %s, which %s does not pin; ssh refused before authenticating, credentials were not sent",
			hostkey.ErrHostKeyChanged, t.name, fp, kh)
	case sshRefusedRE.MatchString(pre):
		return fmt.Errorf("verify host key: %w: %s presented %s, which is not in %s; ssh refused before authenticating, credentials were not sent",
			hostkey.ErrHostKeyUnknown, t.name, fp, kh)
	case !authenticated && strings.Contains(msg, "Permission denied"):
		return fmt.Errorf("%w: ssh: %s", ErrAuth, last)
	case !strings.Contains(msg, "debug1: Connection established") && containsAny(pre, "Connection refused",
		"No route to host", "Network is unreachable", "Could not resolve hostname", "connect to host"):
		return fmt.Errorf("%w: %w", ErrConnect, &unreachableError{err: fmt.Errorf("ssh: %s", last), timeout: strings.Contains(last, "timed out")})
	case strings.Contains(last, "timed out"):
		return fmt.Errorf("%w: ssh: %s", ErrTimeout, last)
	}
	return fmt.Errorf("%w: ssh: %s", ErrDisconnected, last)
}

// lastSSHError is ssh's last message that is not a debug line, made safe.
func lastSSHError(msg string, waitErr error) string {
	lines := strings.Split(strings.TrimSpace(msg), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l != "" && !hasAnyPrefix(l, "debug", "OpenSSH_", "Transferred:", "Bytes per second", "Warning: Permanently added") {
			return textsafe.Clean(l, 200)
		}
	}
	if waitErr != nil {
		return textsafe.Clean(waitErr.Error(), 200)
	}
	return "exited"
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// cappedBuffer keeps the first max bytes written to it and drops the rest.
type cappedBuffer struct {
	mu  sync.Mutex
	b   []byte
	max int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := c.max - len(c.b); room > 0 {
		c.b = append(c.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (c *cappedBuffer) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return string(c.b)
}
