package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// ASALogging is the parsed Cisco ASA `show logging`: the status header and
// the buffered messages.
type ASALogging struct {
	State    facts.Logging   `json:"state"`
	Messages []ASALogMessage `json:"messages"`
}

// ASALogMessage is one buffered message:
//
//	Aug 15 2019 13:44:38: %ASA-6-305011: Built dynamic UDP translation …
//	Mar 09 2017 10:25:04 MDF-ASA5515X : %ASA-6-302014: Teardown TCP …
//	HQ-ASA5585 : %ASA-4-106023: Deny udp src …
type ASALogMessage struct {
	Month    string `json:"month,omitempty"`
	Day      string `json:"day,omitempty"`
	Year     string `json:"year,omitempty"`
	Time     string `json:"time,omitempty"`
	Hostname string `json:"hostname,omitempty"`
	Facility string `json:"facility"` // ASA
	Severity string `json:"severity"` // 0-7
	ID       string `json:"id"`       // 302014
	Text     string `json:"text"`
}

// maxASALogMessages bounds the messages kept from one output.
const maxASALogMessages = 4096

// ParseASALogging parses `show logging`. An output with neither the
// "Syslog logging:" header nor a message is an error.
func ParseASALogging(s string) (ASALogging, error) {
	var l ASALogging
	header := false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		key, val, _ := strings.Cut(t, ":")
		val = strings.TrimSpace(val)
		switch {
		case key == "Syslog logging":
			header = true
			l.State.Syslog = field(firstToken(val))
		case key == "Trap logging":
			l.State.Trap = asaLogLevel(val)
		case key == "Buffer logging":
			l.State.Buffer = asaLogLevel(val)
		case strings.HasPrefix(t, "Logging to "):
			if h, ok := asaLogHost(strings.TrimPrefix(t, "Logging to ")); ok && len(l.State.Hosts) < maxComponents {
				l.State.Hosts = append(l.State.Hosts, h)
			}
		default:
			if m, ok := parseASALogMessage(t); ok && len(l.Messages) < maxASALogMessages {
				l.Messages = append(l.Messages, m)
			}
		}
		return true
	})
	if !header && len(l.Messages) == 0 {
		if asaUnsupported(s) {
			return l, fmt.Errorf("parse show logging: %w", ErrUnsupported)
		}
		return l, fmt.Errorf("parse show logging: %w: no \"Syslog logging:\" line", ErrUnrecognized)
	}
	return l, nil
}

// asaLogLevel reads "level informational, facility 20, 39294 messages
// logged" as "informational", and "disabled" as itself.
func asaLogLevel(val string) string {
	if rest, ok := strings.CutPrefix(val, "level "); ok {
		return field(strings.TrimSuffix(firstToken(rest), ","))
	}
	return field(strings.TrimSuffix(firstToken(val), ","))
}

// asaLogHost reads "inside 10.67.88.90, UDP TX:323 errors: 0  dropped: 1".
func asaLogHost(s string) (facts.LogHost, bool) {
	f := strings.Fields(s)
	if len(f) < 2 {
		return facts.LogHost{}, false
	}
	h := facts.LogHost{Interface: field(f[0]), Address: field(strings.TrimSuffix(f[1], ","))}
	if len(f) >= 3 {
		switch proto := strings.ToUpper(f[2]); {
		case strings.HasPrefix(proto, "UDP"):
			h.Transport = "UDP"
		case strings.HasPrefix(proto, "TCP"):
			h.Transport = "TCP"
		}
	}
	return h, h.Address != ""
}

// parseASALogMessage reads one message line in the three shapes above.
func parseASALogMessage(t string) (ASALogMessage, bool) {
	i := strings.Index(t, "%")
	if i < 0 {
		return ASALogMessage{}, false
	}
	var m ASALogMessage
	tag, text, ok := strings.Cut(t[i+1:], ":")
	parts := strings.SplitN(tag, "-", 3)
	if !ok || len(parts) != 3 || parts[0] == "" || len(parts[1]) != 1 || parts[1][0] < '0' || parts[1][0] > '7' || parts[2] == "" || strings.ContainsAny(tag, " \t") {
		return ASALogMessage{}, false
	}
	m.Facility, m.Severity, m.ID, m.Text = field(parts[0]), parts[1], field(parts[2]), field(strings.TrimSpace(text))
	prefix := strings.TrimSpace(t[:i])
	if host, ok := strings.CutSuffix(prefix, ":"); ok {
		prefix = strings.TrimSpace(host)
	}
	f := strings.Fields(prefix)
	if len(f) >= 4 && months[f[0]] && isDigits(f[1]) && isDigits(f[2]) && strings.Contains(f[3], ":") {
		m.Month, m.Day, m.Year, m.Time = f[0], field(f[1]), field(f[2]), field(strings.TrimSuffix(f[3], ":"))
		f = f[4:]
	}
	switch len(f) {
	case 0:
	case 1:
		m.Hostname = field(f[0])
	default:
		return ASALogMessage{}, false
	}
	return m, true
}

// asaLoggingFacts sets Facts.Logging from the header.
func asaLoggingFacts(out Outputs, f *facts.Facts, keep func(error, bool) bool) {
	s, ok := out[ASAShowLogging]
	if !ok {
		return
	}
	l, err := ParseASALogging(s)
	if !keep(err, true) {
		return
	}
	if l.State.Syslog != "" {
		st := l.State
		f.Logging = &st
	}
	f.Logs = append(f.Logs, l.Events(ASAShowLogging)...)
}
