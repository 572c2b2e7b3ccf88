package notify

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/report"
	"fwaudit/internal/textsafe"
)

// SyslogOptions tune SendSyslog.
type SyslogOptions struct {
	Version  string        // fwaudit's version, in the CEF header
	Facility int           // syslog facility; 0 means local4 (20)
	Hostname string        // HOSTNAME field; "" means os.Hostname
	Timeout  time.Duration // dial and write deadline; 0 means 10s
	Now      func() time.Time
	Notify   string // NotifyNew ("") or NotifyOpen: which findings are sent
}

// SendSyslog sends one RFC 5424 message per finding, with a CEF payload,
// to target (udp://HOST:PORT or tcp://HOST:PORT; TCP uses octet-counting
// framing, RFC 6587). Info findings are sent too: the SIEM filters.
func SendSyslog(ctx context.Context, target string, r report.Run, o SyslogOptions) error {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "udp" && u.Scheme != "tcp") {
		return fmt.Errorf("syslog target: want udp://HOST:PORT or tcp://HOST:PORT")
	}
	o.defaults()
	d := net.Dialer{Timeout: o.Timeout}
	conn, err := d.DialContext(ctx, u.Scheme, u.Host)
	if err != nil {
		return fmt.Errorf("dial %s: %w", u.Scheme, err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	if err := conn.SetDeadline(time.Now().Add(o.Timeout)); err != nil {
		return fmt.Errorf("set deadline: %w", err)
	}
	for _, dev := range r.Devices {
		for _, x := range dev.Findings {
			send, err := notified(x, o.Notify)
			if err != nil {
				return err
			}
			if !send {
				continue
			}
			msg := o.message(dev, x)
			if u.Scheme == "tcp" {
				msg = fmt.Sprintf("%d %s", len(msg), msg)
			}
			if _, err := conn.Write([]byte(msg)); err != nil {
				return fmt.Errorf("write %s: %w", x.Rule, err)
			}
		}
	}
	return nil
}

func (o *SyslogOptions) defaults() {
	if o.Facility == 0 {
		o.Facility = 20
	}
	if o.Hostname == "" {
		o.Hostname, _ = os.Hostname()
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Version == "" {
		o.Version = "dev"
	}
}

// message is one RFC 5424 message: <PRI>1 TIMESTAMP HOSTNAME fwaudit PROCID
// MSGID - CEF…, with MSGID the rule ID.
func (o *SyslogOptions) message(d report.Device, x audit.Finding) string {
	pri := o.Facility*8 + syslogSeverity(x.Severity)
	return fmt.Sprintf("<%d>1 %s %s fwaudit %d %s - %s", pri, timestamp(o.Now()),
		header(o.Hostname, 255), os.Getpid(), header(x.Rule, 32), report.CEF(d, x, o.Version))
}

// timestampLayout is RFC 5424 §6.2.3 TIMESTAMP in UTC: TIME-SECFRAC is
// 1*6DIGIT, so at most microseconds, trailing zeros (and a bare dot)
// dropped. Go's RFC3339Nano writes up to 9 digits, which rsyslog stores as
// a corrupted time.
const timestampLayout = "2006-01-02T15:04:05.999999Z07:00"

// timestamp formats t for the TIMESTAMP field, truncated (never rounded
// into the next second) to microseconds.
func timestamp(t time.Time) string { return t.UTC().Format(timestampLayout) }

// header makes an RFC 5424 header field: printable US-ASCII, no spaces, or "-".
func header(s string, max int) string {
	s = textsafe.Clean(s, max)
	s = strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return "-"
	}
	return s
}

// syslogSeverity maps onto RFC 5424 severities: critical 2, high 3 (error),
// medium 4 (warning), low 5 (notice), info 6.
func syslogSeverity(s audit.Severity) int {
	switch s {
	case audit.Critical:
		return 2
	case audit.High:
		return 3
	case audit.Medium:
		return 4
	case audit.Low:
		return 5
	}
	return 6
}
