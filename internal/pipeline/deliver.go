package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"fwaudit/internal/notify"
	"fwaudit/internal/report"
)

// Delivery names the SOC outputs a finished run is sent to.
type Delivery struct {
	Syslog         string        // udp://HOST:PORT or tcp://HOST:PORT
	Webhook        string        // http(s) URL that receives the JSON report
	WebhookTimeout time.Duration // per attempt
	MetricsFile    string        // Prometheus textfile-collector file
	Notify         string        // notify.NotifyNew ("") or NotifyOpen: which findings syslog / webhook send
}

// Validate checks the URLs before any device is touched.
func (o Delivery) Validate() error {
	if o.Syslog != "" {
		u, err := url.Parse(o.Syslog)
		if err != nil || (u.Scheme != "udp" && u.Scheme != "tcp") || u.Port() == "" {
			return usageErrorf("--syslog: want udp://HOST:PORT or tcp://HOST:PORT")
		}
	}
	if o.Webhook != "" {
		u, err := url.Parse(o.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageErrorf("--webhook: want an http:// or https:// URL")
		}
		if o.WebhookTimeout <= 0 {
			return usageErrorf("--webhook-timeout: must be positive, got %s", o.WebhookTimeout)
		}
	}
	return nil
}

// Deliver sends run to every configured SOC output: syslog (CEF), the
// metrics file and the webhook. Each is tried even when another fails;
// the errors are joined. An interrupted run writes no last-success time.
func Deliver(ctx context.Context, o Delivery, run report.Run, programVersion string, log *slog.Logger) error {
	var errs []error
	if o.Syslog != "" {
		if err := notify.SendSyslog(ctx, o.Syslog, run, notify.SyslogOptions{Version: programVersion, Notify: o.Notify}); err != nil {
			errs = append(errs, fmt.Errorf("syslog: %w", err))
		}
	}
	if o.MetricsFile != "" {
		if err := notify.WriteMetricsFile(o.MetricsFile, run, ctx.Err() == nil); err != nil {
			errs = append(errs, fmt.Errorf("metrics file: %w", err))
		}
	}
	if o.Webhook != "" {
		if err := notify.PostWebhook(ctx, o.Webhook, run, notify.WebhookOptions{Timeout: o.WebhookTimeout, Logger: log, Notify: o.Notify}); err != nil {
			errs = append(errs, fmt.Errorf("webhook: %w", err))
		}
	}
	return errors.Join(errs...)
}
