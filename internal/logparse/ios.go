package logparse

import (
	"regexp"
	"strings"
	"time"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// iosStampRE is an IOS log line's prefix: optional sequence number, optional
// '*' / '.' (clock not synchronised), the date with or without year, the
// time, an optional zone name.
var iosStampRE = regexp.MustCompile(`^\s*(?:\d+:\s+)?[*.]?([A-Z][a-z]{2}\s+\d{1,2}(?:\s+\d{4})?\s+\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:\s+[A-Z]{2,5})?:\s`)

// ParseIOSTime reads "Jun 19 03:02:31", "Dec  2 12:09:21.207" or
// "Aug 24 2026 12:00:04.123". Without a year the result has year 0 (the
// audit gives it the latest plausible year). Zones are ignored: set the
// devices to log in UTC.
func ParseIOSTime(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range []string{"Jan 2 2006 15:04:05.999999999", "Jan 2 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// maxEvents bounds the events kept from one output or file.
const maxEvents = 100000

// MaxEvents is how many events ParseIOSLogging and ParseSyslog keep.
const MaxEvents = maxEvents

// ParseIOSLogging reads `show logging` (or any text of IOS log lines) and
// returns the security-relevant events in order. origin names where the
// text came from (the command). Header and banner lines are ignored. It
// keeps at most MaxEvents events; dropped counts the security-relevant
// events after them, which the caller must report (never a silent prefix:
// a flood of harmless logins would otherwise hide the one that matters).
func ParseIOSLogging(text, origin string) (events []facts.LogEvent, dropped int) {
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		if len(line) > maxLine {
			line = line[:maxLine]
		}
		ev, ok := ClassifyCisco(line)
		if !ok {
			continue
		}
		if len(events) >= maxEvents {
			dropped++
			continue
		}
		if m := iosStampRE.FindStringSubmatch(line); m != nil {
			ev.Time, _ = ParseIOSTime(m[1])
		}
		ev.Origin = textsafe.Field(origin)
		events = append(events, ev)
	}
	return events, dropped
}

// maxLine caps one log line; the rest is ignored.
const maxLine = 8192
