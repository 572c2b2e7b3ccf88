package platform

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// JunosShowUptime is the command that gives Junos's boot time.
const JunosShowUptime = "show system uptime"

// JunosUptime is what `show system uptime` says for the first routing
// engine (re0:, fpc0:, node0:) of the output.
type JunosUptime struct {
	CurrentTime   string `json:"current_time"`   // as printed: 2009-04-15 13:35:52 PDT
	SystemBooted  string `json:"system_booted"`  // as printed, with "(5w1d 01:29 ago)"
	UptimeSeconds int64  `json:"uptime_seconds"` // current time - boot time; else the "ago" text
}

// ParseJunosUptime parses Junos `show system uptime`:
//
//	Current time: 2009-04-15 13:35:52 PDT
//	System booted: 2009-03-10 12:06:00 PDT (5w1d 01:29 ago)
//	Protocols started: 2009-03-10 12:07:49 PDT (5w1d 01:28 ago)
//
// The uptime is the difference of the two times when both carry the same
// zone, else the "(… ago)" text (week, day, hours:minutes[:seconds]). It
// fails with ErrUnrecognized when there is no System booted line.
func ParseJunosUptime(s string) (JunosUptime, error) {
	var u JunosUptime
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		key, val, ok := strings.Cut(t, ":")
		val = strings.TrimSpace(val)
		switch {
		case !ok:
		case key == "Current time" && u.CurrentTime == "":
			u.CurrentTime = field(val)
		case key == "System booted" && u.SystemBooted == "":
			u.SystemBooted = field(val)
			return false // the first routing engine's block is done
		}
		return true
	})
	if u.SystemBooted == "" {
		if junosUnsupported(s) {
			return u, fmt.Errorf("parse junos show system uptime: %w", ErrUnsupported)
		}
		return u, fmt.Errorf("parse junos show system uptime: %w: no System booted line", ErrUnrecognized)
	}
	booted, ago, _ := strings.Cut(u.SystemBooted, "(")
	if d, ok := junosTimeDiff(u.CurrentTime, strings.TrimSpace(booted)); ok {
		u.UptimeSeconds = d
	} else if d, ok := junosAgo(strings.TrimSuffix(strings.TrimSpace(ago), ")")); ok {
		u.UptimeSeconds = d
	}
	return u, nil
}

const junosTimeLayout = "2006-01-02 15:04:05 MST"

// junosTimeDiff returns now - then in seconds when both parse and name the
// same zone (so an unknown abbreviation cancels out).
func junosTimeDiff(now, then string) (int64, bool) {
	a, errA := time.Parse(junosTimeLayout, now)
	b, errB := time.Parse(junosTimeLayout, then)
	if errA != nil || errB != nil || a.Location().String() != b.Location().String() {
		return 0, false
	}
	za, _ := a.Zone()
	zb, _ := b.Zone()
	if za != zb || a.Before(b) {
		return 0, false
	}
	return int64(a.Sub(b) / time.Second), true
}

// junosAgo reads "5w1d 01:29 ago", "22:54:06 ago", "3d 04:05 ago".
func junosAgo(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "ago"))
	var total int64
	for _, f := range strings.Fields(s) {
		if strings.Contains(f, ":") {
			parts := strings.Split(f, ":")
			if len(parts) > 3 {
				return 0, false
			}
			mult := []int64{3600, 60, 1}
			for i, p := range parts {
				n, err := strconv.ParseInt(p, 10, 64)
				if err != nil || n < 0 || len(p) > 4 {
					return 0, false
				}
				total += n * mult[i]
			}
			continue
		}
		for f != "" {
			i := 0
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				i++
			}
			if i == 0 || i > 6 || i == len(f) {
				return 0, false
			}
			n, _ := strconv.ParseInt(f[:i], 10, 64)
			switch f[i] {
			case 'w':
				total += n * 7 * 86400
			case 'd':
				total += n * 86400
			default:
				return 0, false
			}
			f = f[i+1:]
		}
	}
	return total, total > 0
}
