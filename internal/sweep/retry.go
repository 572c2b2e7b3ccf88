package sweep

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"fwaudit/internal/collect"
)

const (
	defaultRetries      = 2
	defaultRetryBackoff = 500 * time.Millisecond
	maxRetryBackoff     = 30 * time.Second
)

// retryConnect calls fn, and again after a jittered exponential backoff
// while it fails to open the TCP connection (collect.IsRetryable), at most
// retries more times. It never waits past ctx's deadline: when the next
// attempt could not start in time, the last error stands. Authentication
// and host-key failures are never retried (account lockout, and no
// credentials go to a changed key).
func retryConnect(ctx context.Context, retries int, base time.Duration, log *slog.Logger, fn func() error) error {
	for attempt := 0; ; attempt++ {
		err := fn()
		if err == nil || attempt >= retries || !collect.IsRetryable(err) || ctx.Err() != nil {
			return err
		}
		wait := backoff(base, attempt)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return err
		}
		log.Debug("connect failed; retrying", "attempt", attempt+1, "retries", retries, "wait_ms", wait.Milliseconds(), "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

// backoff is base·2^attempt, capped, with "equal jitter": half fixed, half
// random, so a fleet that failed together does not retry together.
func backoff(base time.Duration, attempt int) time.Duration {
	d := base << min(attempt, 16)
	if d <= 0 || d > maxRetryBackoff {
		d = maxRetryBackoff
	}
	return d/2 + rand.N(d/2+1)
}
