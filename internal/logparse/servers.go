package logparse

import (
	"regexp"
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

var (
	// tftpd-hpa: "RRQ from ::ffff:10.1.1.1 filename cat9k.bin"
	tftpRE = regexp.MustCompile(`\b(RRQ|WRQ) from (\S+) filename (\S+)`)
	// vsftpd: `[ftpuser] OK DOWNLOAD: Client "10.1.1.1", "/srv/x.bin", 8388608 bytes, 1234.5Kbyte/sec`
	vsftpdRE = regexp.MustCompile(`OK (DOWNLOAD|UPLOAD|LOGIN): Client "([^"]+)"(?:, "([^"]*)")?`)
	// sshd: "Accepted publickey for backup from 10.1.1.1 port 51234 ssh2"
	sshdRE = regexp.MustCompile(`\b(Accepted|Failed) \S+ for (?:invalid user )?(\S+) from (\S+) port \d+`)
)

// classifyApp picks the parser for a syslog record by its content: IOS
// messages first, then the server programs.
func classifyApp(rec Record) (facts.LogEvent, bool) {
	if strings.Contains(rec.Msg, "%") {
		if ev, ok := ClassifyCisco(rec.Msg); ok {
			return ev, true
		}
	}
	app := strings.ToLower(rec.App)
	var ev facts.LogEvent
	switch {
	case strings.Contains(app, "tftp"):
		m := tftpRE.FindStringSubmatch(rec.Msg)
		if m == nil {
			return ev, false
		}
		ev = facts.LogEvent{Kind: facts.LogTransfer, Source: address(strings.TrimPrefix(m[2], "::ffff:")), File: m[3]}
		if ev.Source == "" {
			ev.Source = address(m[2])
		}
	case strings.Contains(app, "ftpd"):
		m := vsftpdRE.FindStringSubmatch(rec.Msg)
		if m == nil {
			return ev, false
		}
		ev = facts.LogEvent{Kind: facts.LogTransfer, Source: address(strings.TrimPrefix(m[2], "::ffff:")), File: baseName(m[3])}
		if m[1] == "LOGIN" {
			ev.Kind, ev.File = facts.LogLogin, ""
		}
	case strings.Contains(app, "sshd"):
		m := sshdRE.FindStringSubmatch(rec.Msg)
		if m == nil {
			return ev, false
		}
		ev = facts.LogEvent{Kind: facts.LogLogin, User: m[2], Source: address(m[3])}
		if m[1] == "Failed" {
			ev.Kind = facts.LogLoginFailed
		}
	default:
		return ev, false
	}
	ev.User, ev.File = textsafe.Field(ev.User), textsafe.Field(ev.File)
	ev.Message = textsafe.Clean(strings.TrimSpace(rec.App+": "+rec.Msg), textsafe.MaxField)
	return ev, true
}

func baseName(p string) string {
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[i+1:]
	}
	return p
}
