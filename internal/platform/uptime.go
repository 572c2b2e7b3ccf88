package platform

import (
	"strconv"
	"strings"
)

// uptimeUnits are the units IOS prints, in seconds (1 year = 365 days).
var uptimeUnits = []struct {
	prefix  string
	seconds int64
}{
	{"year", 365 * 24 * 3600},
	{"week", 7 * 24 * 3600},
	{"day", 24 * 3600},
	{"hour", 3600},
	{"minute", 60},
	{"second", 1},
}

// parseUptime turns "1 year, 2 weeks, 3 days, 4 hours, 5 minutes" into
// seconds. Parts it does not understand are skipped; at most eight parts are
// read and each count is at most nine digits, so the sum cannot overflow.
func parseUptime(s string) int64 {
	var total int64
	parts := strings.SplitN(s, ",", 9)
	for _, p := range parts[:min(len(parts), 8)] {
		f := strings.Fields(p)
		if len(f) < 2 || len(f[0]) > 9 {
			continue
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil || n < 0 {
			continue
		}
		for _, u := range uptimeUnits {
			if strings.HasPrefix(f[1], u.prefix) {
				total += n * u.seconds
				break
			}
		}
	}
	return total
}
