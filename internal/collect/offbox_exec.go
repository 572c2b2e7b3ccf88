package collect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"
)

// RunExec opens one SSH connection to t (host key checked first) and runs
// each command on its own exec channel, as `ssh device 'show …'` does. Each
// output is capped at maxBytes and each command at timeout; the outputs are
// keyed by the exact command. It is for commands whose text must not be
// predictable (a fresh nonce), so it is not part of the platform's list.
func RunExec(ctx context.Context, t HashTarget, cmds []string, maxBytes int64, timeout time.Duration, log *slog.Logger) (map[string]string, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxOutputBytes
	}
	if timeout <= 0 {
		timeout = defaultCommandTimeout
	}
	client, err := dialOffbox(ctx, t)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	stop := context.AfterFunc(ctx, func() { _ = client.Close() })
	defer stop()
	out := map[string]string{}
	for _, cmd := range cmds {
		start := time.Now()
		s, err := client.NewSession()
		if err != nil {
			return out, fmt.Errorf("run %q: open session: %w", cmd, err)
		}
		var buf bytes.Buffer
		w := &cappedWriter{w: &buf, left: maxBytes, onOver: func() { _ = s.Close() }}
		s.Stdout = w
		guard := time.AfterFunc(timeout, func() { _ = client.Close() })
		err = s.Run(cmd)
		timedOut := !guard.Stop()
		_ = s.Close()
		switch {
		case ctx.Err() != nil:
			return out, fmt.Errorf("run %q: %w", cmd, ctxCause(ctx))
		case w.over:
			return out, fmt.Errorf("run %q: %w: device sent more than %d bytes", cmd, ErrOutputTooLarge, maxBytes)
		case timedOut:
			return out, fmt.Errorf("run %q: %w: no answer within %s", cmd, ErrTimeout, timeout)
		case err != nil && !isExitError(err):
			return out, fmt.Errorf("run %q: %w", cmd, err)
		}
		log.Debug("exec", "channel", "ssh", "command", cmd, "bytes", buf.Len(), "duration_ms", time.Since(start).Milliseconds())
		out[cmd] = buf.String()
	}
	return out, nil
}

var errCapped = errors.New("output cap reached")

// cappedWriter fails once more than left bytes were written, which makes
// the ssh session stop copying (and the remote side block on flow control).
type cappedWriter struct {
	w      io.Writer
	left   int64
	over   bool
	onOver func()
}

func (c *cappedWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > c.left {
		if !c.over {
			c.over = true
			c.onOver()
		}
		return 0, errCapped
	}
	c.left -= int64(len(p))
	return c.w.Write(p)
}

// isExitError: a non-zero exit status is the device's answer, not a failure.
func isExitError(err error) bool {
	var ee interface{ ExitStatus() int }
	return errors.As(err, &ee)
}
