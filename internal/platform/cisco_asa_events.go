package platform

import (
	"regexp"
	"strings"
	"time"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// ASA message IDs the log rules use (reference §3.7).
var (
	asaLoginRE    = regexp.MustCompile(`^Login (permitted|denied) from ([0-9A-Fa-f:.]+)/\d+ .*?(?:for user "([^"]*)")?$`)
	asaExecRE     = regexp.MustCompile(`^User '([^']*)' executed the '(.*)' command\.?$`)
	asaExecFromRE = regexp.MustCompile(`^User '([^']*)', running '[^']*' from IP ([0-9A-Fa-f:.]+), executed '(.*)'$`)
)

// Events returns the security-relevant events among the buffered messages:
// logins (605005 permitted, 605004 denied), commands (111008, 111010:
// a copy is a transfer or an image copy, `upgrade rommon` a ROMMON
// upgrade, anything else a configuration change) and startups (199005).
// Messages without a timestamp get a zero time.
func (l ASALogging) Events(origin string) []facts.LogEvent {
	var out []facts.LogEvent
	for _, m := range l.Messages {
		if ev, ok := asaEvent(m); ok {
			ev.Origin, ev.Host, ev.Program = origin, m.Hostname, m.Facility+"-"+m.Severity+"-"+m.ID
			ev.Message = textsafe.Clean("%"+ev.Program+": "+m.Text, textsafe.MaxField)
			if m.Year != "" {
				if t, err := time.Parse("Jan 2 2006 15:04:05", m.Month+" "+m.Day+" "+m.Year+" "+strings.SplitN(m.Time, ".", 2)[0]); err == nil {
					ev.Time = t
				}
			}
			out = append(out, ev)
		}
	}
	return out
}

func asaEvent(m ASALogMessage) (facts.LogEvent, bool) {
	switch m.ID {
	case "605005", "605004":
		s := asaLoginRE.FindStringSubmatch(m.Text)
		if s == nil {
			return facts.LogEvent{}, false
		}
		kind := facts.LogLogin
		if s[1] == "denied" {
			kind = facts.LogLoginFailed
		}
		return facts.LogEvent{Kind: kind, Source: field(s[2]), User: field(s[3])}, true
	case "111008":
		if s := asaExecRE.FindStringSubmatch(m.Text); s != nil {
			return facts.LogEvent{Kind: asaCommandKind(s[2]), User: field(s[1])}, true
		}
	case "111010":
		if s := asaExecFromRE.FindStringSubmatch(m.Text); s != nil {
			return facts.LogEvent{Kind: asaCommandKind(s[3]), User: field(s[1]), Source: field(s[2])}, true
		}
	case "199005":
		return facts.LogEvent{Kind: facts.LogReload}, true
	}
	return facts.LogEvent{}, false
}

func asaCommandKind(cmd string) string {
	low := strings.ToLower(cmd)
	switch {
	case strings.Contains(low, "upgrade rommon"):
		return facts.LogROMMONUpgrade
	case strings.HasPrefix(low, "copy ") && (strings.Contains(low, "tftp:") || strings.Contains(low, "scp:") ||
		strings.Contains(low, "ftp:") || strings.Contains(low, "http")):
		return facts.LogTransfer
	case strings.HasPrefix(low, "copy "):
		return facts.LogImageCopy
	}
	return facts.LogConfig
}
