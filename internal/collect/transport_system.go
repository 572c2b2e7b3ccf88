package collect

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/scrapli/scrapligo/transport"

	"fwaudit/internal/hostkey"
)

// Transports a Target can use (Target.Transport).
const (
	TransportNative = "native" // x/crypto/ssh in process (default)
	TransportSystem = "system" // the OpenSSH client and the user's ssh config
)

// ErrNoOpenSSH means transport: system was asked for but no ssh binary
// is on PATH.
var ErrNoOpenSSH = errors.New("ssh (OpenSSH client) not found")

const (
	// maxSSHStderr bounds what is kept of ssh's own messages.
	maxSSHStderr = 64 << 10
	// sshWaitDelay bounds how long a leftover child of ssh (a
	// ProxyCommand) may hold the pipes after ssh exits.
	sshWaitDelay = 2 * time.Second
)

// systemTransport runs the OpenSSH client (`ssh -tt`) with the user's ssh
// config, behind the same bounded, abortable reader as the native
// transport. Host keys are checked by ssh itself against the device's
// known_hosts only, strictly (or accept-new for tofu), before ssh
// authenticates; authentication is by key only (agent, IdentityFile or the
// credentials' key_file), never a password.
type systemTransport struct {
	*sshTransport
	binary, config string // ssh binary; -F file ("" → ~/.ssh/config)
	store          *hostkey.Store
	stderr         *cappedBuffer
	ctx            context.Context // bounds the `ssh -G` config lookups
	jumpLog        string          // the ProxyJump hop's messages (-E), "" without one
	jumpName       string          // the ProxyJump host, for messages
}

// Open starts ssh; login problems surface as the cause once ssh exits.
func (t *systemTransport) Open(a *transport.Args) error {
	bin, err := exec.LookPath(t.binary)
	if err != nil {
		return t.fail(fmt.Errorf("%w: %w (install openssh-client)", ErrNoOpenSSH, err))
	}
	args, err := t.args(bin, a)
	if err != nil {
		return t.fail(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = sshEnv(os.Environ())
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr, cmd.WaitDelay = pw, keyWatch{t}, sshWaitDelay
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return t.fail(fmt.Errorf("start ssh: %w", err))
	}
	t.mu.Lock()
	if t.cause != nil { // aborted before the start
		t.mu.Unlock()
		return t.cause
	}
	if err := cmd.Start(); err != nil {
		t.mu.Unlock()
		_ = t.jumpCause() // removes the hop's log
		return t.fail(fmt.Errorf("start ssh: %w", err))
	}
	t.stdin = stdin
	t.kill = func() {
		_ = cmd.Process.Kill()
		_ = pr.CloseWithError(net.ErrClosed)
	}
	t.mu.Unlock()
	go t.pump(pr)
	go func() {
		err := cmd.Wait()
		if jerr := t.jumpCause(); jerr != nil {
			t.abort(jerr)
		}
		t.abort(t.exitCause(err))
		_ = pw.Close()
	}()
	return nil
}

// sshEnvKeep are the only variables ssh inherits: what it needs to find
// its config, the agent and its helpers. Nothing else (no FWAUDIT_*
// secret) reaches ssh, its ProxyCommand, or the device through SendEnv.
var sshEnvKeep = []string{"HOME", "USER", "LOGNAME", "PATH", "SSH_AUTH_SOCK", "TMPDIR", "LANG", "LC_ALL", "LC_CTYPE", "TERM"}

// sshEnv is the environment of the ssh child, built from env.
func sshEnv(env []string) []string {
	out := []string{"SSH_ASKPASS_REQUIRE=never"}
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		for _, keep := range sshEnvKeep {
			if k == keep {
				out = append(out, kv)
			}
		}
	}
	return out
}

// args are ssh's arguments. The -o options come first, so they win over
// the user's config (ssh keeps the first value it gets). Every option
// that decides whether the host key is trusted, or where we connect, is
// set here; the rest (User, IdentityFile, ProxyJump, ciphers, ...) comes
// from the config.
func (t *systemTransport) args(bin string, a *transport.Args) ([]string, error) {
	strict := "yes"
	if t.store.Policy() == hostkey.TOFU {
		strict = "accept-new"
	}
	args := []string{"-tt", "-v", "-o", "BatchMode=yes"} // no password or passphrase prompts
	args = append(args, trustOptions(strict, t.store.Path(), a.Host, strconv.Itoa(a.Port))...)
	args = append(args, "-o", "ConnectTimeout="+strconv.Itoa(t.connectSeconds()), "-p", strconv.Itoa(a.Port))
	if a.User != "" {
		args = append(args, "-l", a.User)
	}
	if t.keyFile != "" {
		args = append(args, "-i", t.keyFile, "-o", "IdentitiesOnly=yes")
	}
	if t.config != "" {
		args = append(args, "-F", t.config)
	}
	jump, err := t.jumpArgs(t.ctx, bin, append(slices.Clone(args), "--", a.Host), strict)
	if err != nil {
		return nil, fmt.Errorf("ssh jump host: %w", err)
	}
	args = append(args, jump...)
	return append(args, "--", a.Host), nil
}

// connectSeconds is the connect timeout in whole seconds (at least 1).
func (t *systemTransport) connectSeconds() int {
	return max(1, int((t.connectTimeout+time.Second-1)/time.Second))
}

// keyWatch feeds ssh's stderr to the capped buffer and records the host
// key's fingerprint as soon as ssh prints it (before authentication), so
// the facts carry it like the native transport's.
type keyWatch struct{ t *systemTransport }

func (w keyWatch) Write(p []byte) (int, error) {
	n, err := w.t.stderr.Write(p)
	if w.t.seenKey.Load() == nil {
		if fp := serverKey(w.t.stderr.String()); fp != "" {
			w.t.seenKey.Store(&fp)
		}
	}
	return n, err
}
