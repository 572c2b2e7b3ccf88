package main

import (
	"crypto/rand"
	"encoding/binary"
	"net/url"
	"time"

	"github.com/spf13/pflag"

	"fwaudit/internal/plan"
)

// outputOptions are the flags of issue 7: SOC outputs and plan inputs.
type outputOptions struct {
	Syslog         string        // udp://HOST:PORT or tcp://HOST:PORT
	Webhook        string        // http(s) URL that receives the JSON report
	WebhookTimeout time.Duration // per attempt
	MetricsFile    string        // Prometheus textfile-collector file
	ImageSource    string        // plan: URL of the folder of approved files
	EvidenceDest   string        // plan: URL of the evidence folder

	related  map[string]string // audit --related: device -> why it was picked
	planMode bool              // fwaudit plan: date the evidence names, draw a nonce
}

func (o *outputOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.Syslog, "syslog", "", "send one RFC 5424 message with a CEF payload per finding to udp://HOST:PORT or tcp://HOST:PORT")
	fs.StringVar(&o.Webhook, "webhook", "", "POST the JSON report (fwaudit.report/v1) to this URL, with bounded retries")
	fs.DurationVar(&o.WebhookTimeout, "webhook-timeout", 10*time.Second, "timeout of one webhook attempt")
	fs.StringVar(&o.MetricsFile, "metrics-file", "", "write Prometheus metrics for node_exporter's textfile collector to this file (atomically)")
	fs.StringVar(&o.ImageSource, "image-source", "", "plans: URL of the folder holding approved files, e.g. scp://fw@10.10.0.5/firmware")
	fs.StringVar(&o.EvidenceDest, "evidence-dest", "", "plans: URL of the folder evidence is copied to, e.g. scp://fw@10.10.0.6/cases")
}

// validate checks the URLs before any device is touched.
func (o *outputOptions) validate() error {
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
	}
	if o.Webhook != "" && o.WebhookTimeout <= 0 {
		return usageErrorf("--webhook-timeout: must be positive, got %s", o.WebhookTimeout)
	}
	return nil
}

// planOptions are the plan inputs. Reports get reproducible plans (no
// date, a <nonce> placeholder); `fwaudit plan` dates the evidence names and
// draws a random nonce for the signed measurements.
func (o *outputOptions) planOptions(now time.Time) plan.Options {
	po := plan.Options{ImageSource: o.ImageSource, EvidenceDest: o.EvidenceDest}
	if o.planMode {
		po.Now = now
		var b [4]byte
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
		po.Nonce = binary.BigEndian.Uint32(b[:])%4_000_000_000 + 1
	}
	return po
}
