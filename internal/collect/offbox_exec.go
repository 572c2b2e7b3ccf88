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

// ExecOptions bound RunExec.
type ExecOptions struct {
	MaxOutputBytes int64         // per command; 0 → DefaultMaxOutputBytes
	CommandTimeout time.Duration // per command; 0 → the default
	// Budget, when set, is the device's memory budget (budget.go): every
	// byte read reserves from it, as on the CLI session, and the command
	// fails with ErrBudgetExceeded when it is spent.
	Budget *Budget
	Logger *slog.Logger
}

// RunExec opens one SSH connection to t (host key checked first) and runs
// each command on its own exec channel, as `ssh device 'show …'` does. Each
// output is capped at o.MaxOutputBytes and charged to o.Budget, each
// command bounded by o.CommandTimeout; the outputs are keyed by the exact
// command. It is for commands whose text must not be predictable (a fresh
// nonce), so it is not part of the platform's list.
func RunExec(ctx context.Context, t HashTarget, cmds []string, o ExecOptions) (map[string]string, error) {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	maxBytes, timeout := o.MaxOutputBytes, o.CommandTimeout
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
		w := &cappedWriter{w: &buf, left: maxBytes, budget: o.Budget, onOver: func() { _ = s.Close() }}
		s.Stdout = w
		guard := time.AfterFunc(timeout, func() { _ = client.Close() })
		err = s.Run(cmd)
		timedOut := !guard.Stop()
		_ = s.Close()
		switch {
		case ctx.Err() != nil:
			return out, fmt.Errorf("run %q: %w", cmd, ctxCause(ctx))
		case w.budgetErr != nil:
			return out, fmt.Errorf("run %q: %w", cmd, w.budgetErr)
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

// cappedWriter fails once more than left bytes were written, or once the
// budget refuses them, which makes the ssh session stop copying (and the
// remote side block on flow control).
type cappedWriter struct {
	w         io.Writer
	left      int64
	budget    *Budget // nil: none
	over      bool
	budgetErr error // the budget's refusal, when that stopped it
	onOver    func()
}

func (c *cappedWriter) Write(p []byte) (int, error) {
	if c.over {
		return 0, errCapped
	}
	if int64(len(p)) > c.left {
		c.stop(nil)
		return 0, errCapped
	}
	if err := c.budget.Reserve(int64(len(p))); err != nil {
		c.stop(err)
		return 0, errCapped
	}
	c.left -= int64(len(p))
	return c.w.Write(p)
}

func (c *cappedWriter) stop(budgetErr error) {
	c.over, c.budgetErr = true, budgetErr
	c.onOver()
}

// isExitError: a non-zero exit status is the device's answer, not a failure.
func isExitError(err error) bool {
	var ee interface{ ExitStatus() int }
	return errors.As(err, &ee)
}
