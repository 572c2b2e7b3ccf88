package inventory

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"fwaudit/internal/textsafe"
)

// NetBox outages (issue 16): a 429, a 502/503/504 from the proxy in front
// of NetBox, a refused or timed-out connection are asked again, with
// exponential backoff and jitter, within the source's timeout; then the
// error wraps ErrSourceUnavailable (the inventory may be fine: exit 2, not
// 3). Any other 4xx stays a configuration error.
const (
	netboxAttempts      = 4
	netboxMaxBackoff    = 8 * time.Second
	netboxMaxRetryAfter = 30 * time.Second
	netboxMaxErrorBody  = 4 << 10 // read of an error response
	netboxShownBody     = 300     // runes of it in the message
)

// netboxBackoff is the delay before the first retry; it doubles for each
// retry up to netboxMaxBackoff. A variable so tests need not wait.
var netboxBackoff = 500 * time.Millisecond

// transientError is a failure worth another attempt; retryAfter is the
// server's Retry-After (0: none).
type transientError struct {
	err        error
	retryAfter time.Duration
}

func (e *transientError) Error() string { return e.err.Error() }
func (e *transientError) Unwrap() error { return e.err }

// pageWithRetry fetches one page, retrying transient failures.
func (c *netboxClient) pageWithRetry(ctx context.Context, u *url.URL) (*netboxPage, error) {
	for attempt := 1; ; attempt++ {
		p, err := c.page(ctx, u)
		var te *transientError
		if err == nil || !errors.As(err, &te) {
			return p, err
		}
		if attempt == netboxAttempts {
			return nil, fmt.Errorf("%w: %w (gave up after %d attempts)", ErrSourceUnavailable, err, attempt)
		}
		wait := retryDelay(attempt, te.retryAfter)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return nil, fmt.Errorf("%w: %w (attempt %d; no time left to retry within timeout=%s)", ErrSourceUnavailable, err, attempt, c.timeout)
		}
		c.log.Warn("netbox unavailable; retrying", "attempt", attempt, "retry_in_ms", wait.Milliseconds(), "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%w: %w (attempt %d; %w)", ErrSourceUnavailable, err, attempt, ctx.Err())
		case <-t.C:
		}
	}
}

// retryDelay is the server's Retry-After (capped), else exponential
// backoff with equal jitter: half the step fixed, half random.
func retryDelay(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return min(retryAfter, netboxMaxRetryAfter)
	}
	step := min(netboxBackoff<<(attempt-1), netboxMaxBackoff)
	return step/2 + rand.N(step/2+1)
}

// parseRetryAfter reads Retry-After: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// statusError classifies a response that is not 200: 429 and 502/503/504
// are transient, another 5xx is an unavailable source, a 4xx is a
// configuration error. NetBox's own message (its error body) is shown.
func (c *netboxClient) statusError(resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, netboxMaxErrorBody))
	hint := ""
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
		hint = fmt.Sprintf(" (check the API token in %s)", c.env)
	}
	err := fmt.Errorf("get %s: HTTP %d%s%s", c.display, resp.StatusCode, hint, bodyText(body))
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return &transientError{err: err, retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	if resp.StatusCode >= 500 {
		return fmt.Errorf("%w: %w", ErrSourceUnavailable, err)
	}
	return err
}

// transportError classifies a failed request: a refused, reset or timed-out
// connection is transient; the source's timeout running out is an
// unavailable source; anything else (DNS name unknown, a certificate
// refused) is a configuration error.
func (c *netboxClient) transportError(ctx context.Context, err error) error {
	err = fmt.Errorf("get %s: %w", c.display, unwrapURLError(err))
	if ctx.Err() != nil {
		return fmt.Errorf("%w: %w (timeout=%s)", ErrSourceUnavailable, err, c.timeout)
	}
	var ne net.Error
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || (errors.As(err, &ne) && ne.Timeout()) {
		return &transientError{err: err}
	}
	return err
}

// bodyText is an error body for a message: one line, textsafe, quoted,
// truncated; empty for an empty body.
func bodyText(b []byte) string {
	s := textsafe.Clean(strings.Join(strings.Fields(string(b)), " "), netboxShownBody)
	if s == "" {
		return ""
	}
	return ": NetBox said " + strconv.Quote(s)
}
