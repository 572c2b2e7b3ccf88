package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/notify"
	"fwaudit/internal/report"
	"fwaudit/internal/testpeer"
)

// rsyslogWait bounds every wait on rsyslogd: start-up, delivery, shutdown.
const rsyslogWait = 15 * time.Second

// rsyslogConf receives on loopback (UDP on a port we pick, TCP on a port
// rsyslog picks and writes to a file) and writes every message it parsed
// as one JSON object per line. Only the modules named here are loaded:
// no /dev/log, no system files.
const rsyslogConf = `global(workDirectory="%[1]s" maxMessageSize="64k")
module(load="imudp")
module(load="imtcp")
input(type="imudp" address="127.0.0.1" port="%[2]d")
input(type="imtcp" address="127.0.0.1" port="0" listenPortFileName="%[1]s/tcp-port")
template(name="fields" type="list") {
  constant(value="{\"input\":\"")  property(name="inputname" format="json")
  constant(value="\",\"pri\":\"")  property(name="pri" format="json")
  constant(value="\",\"time\":\"") property(name="timereported" dateFormat="rfc3339" format="json")
  constant(value="\",\"host\":\"") property(name="hostname" format="json")
  constant(value="\",\"app\":\"")  property(name="app-name" format="json")
  constant(value="\",\"procid\":\"") property(name="procid" format="json")
  constant(value="\",\"msgid\":\"") property(name="msgid" format="json")
  constant(value="\",\"sd\":\"")   property(name="structured-data" format="json")
  constant(value="\",\"msg\":\"")  property(name="msg" format="json")
  constant(value="\"}\n")
}
*.* action(type="omfile" file="%[1]s/messages.json" template="fields")
`

// rsyslogRecord is one message as rsyslog parsed it.
type rsyslogRecord struct {
	Input, Pri, Time, Host, App, Procid, Msgid, SD, Msg string
}

// rsyslog is a real rsyslogd running in the foreground for one test.
type rsyslog struct {
	dir      string
	udp, tcp string // host:port
	exited   chan struct{}
	stderr   *bytes.Buffer
}

// startRsyslog runs rsyslogd -n with its own config, PID file and work
// directory under t.TempDir, waits (polling, bounded) until both inputs
// answer, and stops it at cleanup.
func startRsyslog(t *testing.T) *rsyslog {
	t.Helper()
	bin := testpeer.Require(t, "apt-get install -y rsyslog", "rsyslogd", "/usr/sbin/rsyslogd")
	r := &rsyslog{dir: t.TempDir(), exited: make(chan struct{}), stderr: &bytes.Buffer{}}
	udpPort := freeUDPPort(t)
	conf := filepath.Join(r.dir, "rsyslog.conf")
	require.NoError(t, os.WriteFile(conf, fmt.Appendf(nil, rsyslogConf, r.dir, udpPort), 0o600))

	cmd := exec.Command(bin, "-n", "-f", conf, "-i", filepath.Join(r.dir, "rsyslogd.pid"))
	cmd.Stdout, cmd.Stderr = r.stderr, r.stderr // diagnostics for failure messages only
	require.NoError(t, cmd.Start())
	go func() { _ = cmd.Wait(); close(r.exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-r.exited:
		case <-time.After(rsyslogWait):
			_ = cmd.Process.Kill()
			<-r.exited
		}
	})

	r.udp = net.JoinHostPort("127.0.0.1", strconv.Itoa(udpPort))
	portFile := filepath.Join(r.dir, "tcp-port")
	r.poll(t, "the imtcp port file", func() bool {
		b, err := os.ReadFile(portFile)
		if err != nil || len(bytes.TrimSpace(b)) == 0 {
			return false
		}
		r.tcp = net.JoinHostPort("127.0.0.1", string(bytes.TrimSpace(b)))
		return true
	})
	probe, err := net.Dial("udp", r.udp)
	require.NoError(t, err)
	defer probe.Close()
	r.poll(t, "a UDP probe to be written", func() bool {
		_, _ = probe.Write([]byte("<14>1 2026-01-01T00:00:00Z probe fwaudit - PROBE - ready"))
		for _, rec := range r.read(t) {
			if rec.Msgid == "PROBE" {
				return true
			}
		}
		return false
	})
	return r
}

// poll calls ready every 20ms until it is true, failing t after rsyslogWait
// or when rsyslogd exits.
func (r *rsyslog) poll(t *testing.T, what string, ready func() bool) {
	t.Helper()
	deadline := time.Now().Add(rsyslogWait)
	for !ready() {
		select {
		case <-r.exited:
			t.Fatalf("rsyslogd exited while waiting for %s; its output:\n%s", what, r.stderr)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("rsyslogd: no %s after %s", what, rsyslogWait)
		}
	}
}

// read returns every record written so far (a partly written last line is
// left for the next call).
func (r *rsyslog) read(t *testing.T) []rsyslogRecord {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(r.dir, "messages.json"))
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	end := bytes.LastIndexByte(b, '\n')
	if end < 0 {
		return nil
	}
	var recs []rsyslogRecord
	for _, line := range bytes.Split(b[:end], []byte("\n")) {
		var rec rsyslogRecord
		require.NoError(t, json.Unmarshal(line, &rec), string(line))
		recs = append(recs, rec)
	}
	return recs
}

// records waits until n messages from input (imudp / imtcp), probes
// excluded, have been written, and returns them.
func (r *rsyslog) records(t *testing.T, input string, n int) []rsyslogRecord {
	t.Helper()
	var got []rsyslogRecord
	r.poll(t, fmt.Sprintf("%d messages from %s", n, input), func() bool {
		got = got[:0]
		for _, rec := range r.read(t) {
			if rec.Input == input && rec.Msgid != "PROBE" {
				got = append(got, rec)
			}
		}
		return len(got) >= n
	})
	return got
}

func freeUDPPort(t *testing.T) int {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	return pc.LocalAddr().(*net.UDPAddr).Port
}

// TestSyslogRsyslog sends the sample run to a real rsyslogd over UDP and
// TCP (octet counting) and checks what rsyslog parsed: the TIMESTAMP (at
// most 6 fractional digits, so not corrupted), HOSTNAME, APP-NAME, PROCID,
// MSGID, no structured data, and the CEF payload byte for byte.
func TestSyslogRsyslog(t *testing.T) {
	rs := startRsyslog(t)
	run := sampleRun()
	now := func() time.Time { return time.Date(2026, 11, 27, 2, 16, 0, 123456789, time.UTC) }
	opts := notify.SyslogOptions{Version: "1.2.3", Hostname: "auditor", Now: now}
	var want []rsyslogRecord
	for _, d := range run.Devices {
		for _, x := range d.Findings {
			want = append(want, rsyslogRecord{Time: "2026-11-27T02:16:00.123456Z", Host: "auditor", App: "fwaudit",
				Procid: strconv.Itoa(os.Getpid()), Msgid: x.Rule, SD: "-", Msg: report.CEF(d, x, "1.2.3")})
		}
	}
	want[0].Pri, want[1].Pri = "163", "162" // local4 + error (high), local4 + critical

	for _, tc := range []struct{ name, target, input string }{
		{"udp", "udp://" + rs.udp, "imudp"},
		{"tcp", "tcp://" + rs.tcp, "imtcp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), rsyslogWait)
			defer cancel()
			require.NoError(t, notify.SendSyslog(ctx, tc.target, run, opts))
			got := rs.records(t, tc.input, len(want))
			require.Len(t, got, len(want))
			for i := range want {
				w := want[i]
				w.Input = tc.input
				require.Equal(t, w, got[i])
			}
			require.True(t, strings.HasPrefix(got[1].Msg, `CEF:0|fwaudit|fwaudit|1.2.3|IMG-001|a\|b\\c|10|`), got[1].Msg)
		})
	}
}
