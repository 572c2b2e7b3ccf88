package platform

import (
	"strconv"
	"strings"
)

// parseUptimeWords turns any "N unit" sequence into seconds, whatever
// separates the pairs: EOS "3 weeks, 0 days, 20 hours and 45 minutes", IOS
// XR "23 hours 3 minutes", NX-OS "60 day(s), 17 hour(s), 8 minute(s)".
// At most 16 pairs are read and each count has at most nine digits.
func parseUptimeWords(s string) int64 {
	if len(s) > maxPhrase {
		s = s[:maxPhrase]
	}
	w := strings.Fields(strings.ReplaceAll(s, ",", " "))
	var total int64
	pairs := 0
	for i := 0; i+1 < len(w) && pairs < 16; i++ {
		if len(w[i]) > 9 || !isDigits(w[i]) {
			continue
		}
		n, err := strconv.ParseInt(w[i], 10, 64)
		if err != nil {
			continue
		}
		for _, u := range uptimeUnits {
			if strings.HasPrefix(w[i+1], u.prefix) {
				total += n * u.seconds
				pairs++
				i++
				break
			}
		}
	}
	return total
}
