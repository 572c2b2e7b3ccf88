package notify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"fwaudit/internal/report"
)

// WebhookOptions tune PostWebhook.
type WebhookOptions struct {
	Timeout  time.Duration // per attempt; 0 means 10s
	Attempts int           // 0 means 4
	Backoff  time.Duration // first wait, doubled per retry; 0 means 1s
	Client   *http.Client  // nil means a client with no redirects followed
	Logger   *slog.Logger
	// Notify is NotifyNew ("") or NotifyOpen: a run with no finding to
	// notify posts nothing.
	Notify string
}

// PostWebhook POSTs the run as a fwaudit.report/v1 JSON document. It
// retries network errors, 429 and 5xx with exponential backoff, a bounded
// number of times; 4xx is final. The URL may hold a token: errors and logs
// show it without user info and query.
func PostWebhook(ctx context.Context, target string, r report.Run, o WebhookOptions) error {
	o.defaults()
	n, err := countNotified(r, o.Notify)
	if err != nil {
		return err
	}
	if n == 0 {
		o.Logger.Info("webhook: no finding to notify", "notify", o.Notify)
		return nil
	}
	var body bytes.Buffer
	if err := report.RenderJSON(&body, r); err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	shown := redactURL(target)
	wait := o.Backoff
	var last error
	for attempt := 1; attempt <= o.Attempts; attempt++ {
		retry, err := postOnce(ctx, o, target, body.Bytes())
		if err == nil {
			return nil
		}
		last = err
		if !retry || attempt == o.Attempts {
			break
		}
		o.Logger.Warn("webhook attempt failed, retrying", "url", shown, "attempt", attempt, "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("post %s: %w", shown, ctx.Err())
		case <-time.After(wait):
		}
		wait *= 2
	}
	return fmt.Errorf("post %s: %w", shown, last)
}

func (o *WebhookOptions) defaults() {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Attempts <= 0 {
		o.Attempts = 4
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.Client == nil {
		o.Client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// errStatus is a non-2xx answer.
var errStatus = errors.New("unexpected status")

// postOnce makes one attempt and says whether a failure is worth a retry.
func postOnce(ctx context.Context, o WebhookOptions, target string, body []byte) (retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return false, errors.New("build request: invalid URL")
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "fwaudit")
	resp, err := o.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the url.Error repeats the URL, token included
		}
		return true, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return false, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return true, fmt.Errorf("%w %d", errStatus, resp.StatusCode)
	default:
		return false, fmt.Errorf("%w %d", errStatus, resp.StatusCode)
	}
}

// redactURL drops user info, query and fragment: they may carry tokens.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "<invalid URL>"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}
