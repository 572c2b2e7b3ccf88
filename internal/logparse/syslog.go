package logparse

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// Record is one syslog line split into its header fields.
type Record struct {
	Time time.Time // year 0 for RFC 3164 (no year in the line)
	Host string
	App  string // APP-NAME (5424) or TAG without [pid] (3164)
	Msg  string
}

var (
	priRE     = regexp.MustCompile(`^<(\d{1,3})>`)
	rfc5424RE = regexp.MustCompile(`^1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]\\]|\\.)*\])+)(?: (.*))?$`)
	bsdRE     = regexp.MustCompile(`^([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (\S+) (.*)$`)
	isoRE     = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}T\S+) (\S+) (.*)$`)
	tagRE     = regexp.MustCompile(`^([^\s:\[]{1,48})(?:\[\d+\])?: ?(.*)$`)
)

// ParseSyslogLine reads one line in RFC 5424 form (`<PRI>1 TIMESTAMP HOST
// APP PROCID MSGID SD MSG`), RFC 3164 form (`<PRI>Mmm dd hh:mm:ss HOST
// TAG: MSG`), or as collectors write them to files (PRI dropped, or an RFC
// 3339 timestamp in place of the BSD one).
func ParseSyslogLine(line string) (Record, bool) {
	line = strings.TrimRight(line, "\r\n")
	if m := priRE.FindStringSubmatch(line); m != nil {
		if p, _ := strconv.Atoi(m[1]); p > 191 {
			return Record{}, false
		}
		line = line[len(m[0]):]
	}
	if m := rfc5424RE.FindStringSubmatch(line); m != nil {
		r := Record{Host: nil5424(m[2]), App: nil5424(m[3]), Msg: strings.TrimPrefix(m[7], "\ufeff")}
		if m[1] != "-" {
			t, err := time.Parse(time.RFC3339Nano, m[1])
			if err != nil {
				return Record{}, false
			}
			r.Time = t
		}
		return r, true
	}
	var stamp, host, rest string
	var t time.Time
	if m := bsdRE.FindStringSubmatch(line); m != nil {
		stamp, host, rest = m[1], m[2], m[3]
		var err error
		if t, err = time.Parse(time.Stamp, stamp); err != nil {
			return Record{}, false
		}
	} else if m := isoRE.FindStringSubmatch(line); m != nil {
		stamp, host, rest = m[1], m[2], m[3]
		var err error
		if t, err = time.Parse(time.RFC3339Nano, stamp); err != nil {
			return Record{}, false
		}
	} else {
		return Record{}, false
	}
	r := Record{Time: t, Host: host, Msg: rest}
	if m := tagRE.FindStringSubmatch(rest); m != nil {
		r.App, r.Msg = m[1], m[2]
	}
	return r, true
}

func nil5424(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// ErrEventCap is returned by ParseSyslog when a file holds more events
// than it keeps: the events after the cap were not read. Callers that must
// see every event use ScanSyslog.
var ErrEventCap = errors.New("event cap reached")

// ParseSyslog reads a collector's syslog file (RFC 3164 and RFC 5424 lines
// may be mixed) and returns the security-relevant events: those of Cisco
// devices (ClassifyCisco), of TFTP servers (tftpd-hpa), FTP servers
// (vsftpd) and SSH / SCP servers (sshd). Lines that are not syslog are
// skipped; name is used in each event's Origin (name:line). It keeps at
// most maxEvents events: past them it stops and returns the events read
// with an error wrapping ErrEventCap, never a silent prefix.
func ParseSyslog(r io.Reader, name string) ([]facts.LogEvent, error) {
	var out []facts.LogEvent
	_, err := ScanSyslog(r, name, func(ev facts.LogEvent) error {
		if len(out) >= maxEvents {
			return fmt.Errorf("read %s: more than %d events: %w", name, maxEvents, ErrEventCap)
		}
		out = append(out, ev)
		return nil
	})
	return out, err
}

// ScanSyslog reads a syslog file as ParseSyslog does but hands each event
// to fn as it is read, keeping nothing: memory stays bounded by one line
// (maxLine) however long the file. It stops at the first error fn returns
// and returns it; n is the number of events handed to fn.
func ScanSyslog(r io.Reader, name string, fn func(facts.LogEvent) error) (n int, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	for lineNo := 1; ; lineNo++ {
		line, err := readLine(br)
		if errors.Is(err, io.EOF) && line == "" {
			return n, nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return n, fmt.Errorf("read %s: %w", name, err)
		}
		if ev, ok := SyslogEvent(line); ok {
			ev.Origin = textsafe.Field(fmt.Sprintf("%s:%d", name, lineNo))
			if err := fn(ev); err != nil {
				return n, err
			}
			n++
		}
	}
}

// readLine returns one line, cut at maxLine (the rest is skipped).
func readLine(br *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		chunk, isPrefix, err := br.ReadLine()
		if b.Len() < maxLine {
			b.Write(chunk[:min(len(chunk), maxLine-b.Len())])
		}
		if err != nil || !isPrefix {
			return b.String(), err
		}
	}
}

// SyslogEvent classifies one syslog line.
func SyslogEvent(line string) (facts.LogEvent, bool) {
	rec, ok := ParseSyslogLine(line)
	if !ok {
		return facts.LogEvent{}, false
	}
	ev, ok := classifyApp(rec)
	if !ok {
		return facts.LogEvent{}, false
	}
	if ev.Time.IsZero() {
		ev.Time = rec.Time
		if m := iosStampRE.FindStringSubmatch(rec.Msg); m != nil { // the device's own stamp, when it sent one
			if t, ok := ParseIOSTime(m[1]); ok && rec.Time.IsZero() {
				ev.Time = t
			}
		}
	}
	ev.Host = textsafe.Field(rec.Host)
	if ev.Program == "" {
		ev.Program = textsafe.Field(rec.App)
	}
	return ev, true
}
