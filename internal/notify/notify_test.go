package notify_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/notify"
	"fwaudit/internal/report"
	"fwaudit/internal/reportschema"
)

func sampleRun() report.Run {
	t0 := time.Date(2026, 11, 27, 2, 15, 0, 0, time.UTC)
	return report.Run{StartedAt: t0, FinishedAt: t0.Add(42 * time.Second), Devices: []report.Device{
		{Name: "lon-acc-sw-01", Address: "192.0.2.7", Platform: "cisco_iosxe"},
		{Name: "lon-wan-02", Address: "192.0.2.12", Platform: "cisco_iosxe", Findings: []audit.Finding{
			{Rule: audit.ROM001, Severity: audit.High, Title: "ROMMON / boot-loader version not approved for the model",
				Observed: "16.7(5r)", Expected: "16.12(2r)", Evidence: "R0 (cli: show rom-monitor r0)", Escalate: true,
				EscalationReason: "not approved", Technique: "T1542.004"},
		}},
		{Name: "evil|sw=01", Address: "192.0.2.66", Platform: "cisco_iosxe", Findings: []audit.Finding{
			{Rule: audit.IMG001, Severity: audit.Critical, Title: "a|b\\c", Observed: "x=y\nCEF:0|forged|\x1b[2J", Expected: "a\\b"},
		}},
	}}
}

var rfc5424 = regexp.MustCompile(`^<(\d+)>1 (\S+) (\S+) fwaudit (\d+) (\S+) - (CEF:0\|.*)$`)

// TestSyslogUDP sends to a real UDP listener on loopback: one datagram per
// finding, RFC 5424 framing, CEF payload escaped per the spec.
func TestSyslogUDP(t *testing.T) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	now := func() time.Time { return time.Date(2026, 11, 27, 2, 16, 0, 0, time.UTC) }
	require.NoError(t, notify.SendSyslog(context.Background(), "udp://"+pc.LocalAddr().String(), sampleRun(),
		notify.SyslogOptions{Version: "1.2.3", Hostname: "auditor", Now: now}))
	var msgs []string
	buf := make([]byte, 65536)
	for range 2 {
		require.NoError(t, pc.SetReadDeadline(time.Now().Add(5*time.Second)))
		n, _, err := pc.ReadFrom(buf)
		require.NoError(t, err)
		msgs = append(msgs, string(buf[:n]))
	}
	m := rfc5424.FindStringSubmatch(msgs[0])
	require.NotNil(t, m, msgs[0])
	require.Equal(t, "163", m[1], "local4 (20*8) + error (3) for high")
	require.Equal(t, "2026-11-27T02:16:00Z", m[2])
	require.Equal(t, "auditor", m[3])
	require.Equal(t, "ROM-001", m[5])
	require.Equal(t, "CEF:0|fwaudit|fwaudit|1.2.3|ROM-001|ROMMON / boot-loader version not approved for the model|8|"+
		"cat=firmware-integrity dvchost=lon-wan-02 dvc=192.0.2.12 cs1Label=observed cs1=16.7(5r) cs2Label=expected cs2=16.12(2r) "+
		"cs3Label=evidence cs3=R0 (cli: show rom-monitor r0) cs4Label=escalation_reason cs4=not approved cs5Label=technique cs5=T1542.004 "+
		"cs6Label=platform cs6=cisco_iosxe cn1Label=escalate cn1=1 outcome=drift msg=ROMMON / boot-loader version not approved for the model", m[6])

	hostile := rfc5424.FindStringSubmatch(msgs[1])
	require.NotNil(t, hostile, msgs[1])
	require.Equal(t, "162", hostile[1])
	cef := hostile[6]
	require.True(t, strings.HasPrefix(cef, `CEF:0|fwaudit|fwaudit|1.2.3|IMG-001|a\|b\\c|10|`), cef)
	require.Contains(t, cef, `dvchost=evil|sw\=01`)
	require.Contains(t, cef, `cs1=x\=yCEF:0|forged|`, "newline and ESC removed, = escaped")
	require.Contains(t, cef, `cs2=a\\b`)
	require.NotContains(t, cef, "\x1b")
	// Exactly 7 unescaped header separators.
	require.Equal(t, 7, len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(cef[:strings.Index(cef, "cat=")], -1)))
}

// TestSyslogTCP uses octet-counting framing (RFC 6587) on a real TCP listener.
func TestSyslogTCP(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	got := make(chan []string, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			got <- nil
			return
		}
		defer c.Close()
		r := bufio.NewReader(c)
		var msgs []string
		for {
			lenStr, err := r.ReadString(' ')
			if err != nil {
				break
			}
			n, _ := strconv.Atoi(strings.TrimSpace(lenStr))
			b := make([]byte, n)
			if _, err := io.ReadFull(r, b); err != nil {
				break
			}
			msgs = append(msgs, string(b))
		}
		got <- msgs
	}()
	require.NoError(t, notify.SendSyslog(context.Background(), "tcp://"+ln.Addr().String(), sampleRun(), notify.SyslogOptions{}))
	msgs := <-got
	require.Len(t, msgs, 2)
	for _, m := range msgs {
		require.Regexp(t, rfc5424, m)
	}
}

func TestSyslogBadTarget(t *testing.T) {
	require.ErrorContains(t, notify.SendSyslog(context.Background(), "http://127.0.0.1:514", sampleRun(), notify.SyslogOptions{}), "want udp://")
}

// TestWebhookRetries: a real HTTP server on loopback fails twice with 503,
// then accepts; the body is the v1 JSON report.
func TestWebhookRetries(t *testing.T) {
	var calls atomic.Int32
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		require.Equal(t, http.MethodPost, r.Method)
		require.Equal(t, "application/json", r.Header.Get("Content-Type"))
		if n < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		body, _ = io.ReadAll(r.Body)
	}))
	defer srv.Close()
	require.NoError(t, notify.PostWebhook(context.Background(), srv.URL+"/hook?token=s3cret", sampleRun(),
		notify.WebhookOptions{Backoff: time.Millisecond}))
	require.EqualValues(t, 3, calls.Load())
	reportschema.Validate(t, body)
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(body, &rep))
	require.Equal(t, report.Schema, rep.Schema)
	require.Len(t, rep.Devices, 3)
}

func TestWebhookFailures(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path == "/slow" {
			_, _ = io.Copy(io.Discard, r.Body) // then the server notices the client hanging up
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		w.WriteHeader(http.StatusBadRequest)
	}))
	defer srv.Close()

	t.Run("4xx-is-final", func(t *testing.T) {
		calls.Store(0)
		err := notify.PostWebhook(context.Background(), "http://user:pw@"+strings.TrimPrefix(srv.URL, "http://")+"/x?token=s3cret",
			sampleRun(), notify.WebhookOptions{Backoff: time.Millisecond})
		require.ErrorContains(t, err, "unexpected status 400")
		require.EqualValues(t, 1, calls.Load())
		require.NotContains(t, err.Error(), "s3cret")
		require.NotContains(t, err.Error(), "pw")
	})
	t.Run("timeout-bounded-retries", func(t *testing.T) {
		calls.Store(0)
		err := notify.PostWebhook(context.Background(), srv.URL+"/slow?token=s3cret", sampleRun(),
			notify.WebhookOptions{Timeout: 50 * time.Millisecond, Attempts: 3, Backoff: time.Millisecond})
		require.Error(t, err)
		require.EqualValues(t, 3, calls.Load())
		require.NotContains(t, err.Error(), "s3cret")
	})
}
