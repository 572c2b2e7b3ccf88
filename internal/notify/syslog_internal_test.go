package notify

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rfc5424Timestamp is the RFC 5424 §6.2.3 grammar restricted to UTC:
// FULL-DATE "T" TIME-HOUR ":" TIME-MINUTE ":" TIME-SECOND [TIME-SECFRAC] "Z",
// with TIME-SECFRAC = "." 1*6DIGIT.
var rfc5424Timestamp = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$`)

func TestTimestamp(t *testing.T) {
	base := time.Date(2026, 11, 27, 2, 16, 0, 0, time.UTC)
	paris := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"whole-second", base, "2026-11-27T02:16:00Z"},
		{"nanoseconds-truncated-to-6-digits", base.Add(123456789), "2026-11-27T02:16:00.123456Z"},
		{"never-rounds-into-next-second", base.Add(999999999), "2026-11-27T02:16:00.999999Z"},
		{"below-a-microsecond-is-dropped", base.Add(999), "2026-11-27T02:16:00Z"},
		{"trailing-zeros-dropped", base.Add(500 * time.Millisecond), "2026-11-27T02:16:00.5Z"},
		{"one-microsecond", base.Add(time.Microsecond), "2026-11-27T02:16:00.000001Z"},
		{"other-zone-becomes-utc", time.Date(2026, 11, 27, 3, 16, 0, 42000, paris), "2026-11-27T02:16:00.000042Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := timestamp(tc.in)
			require.Equal(t, tc.want, got)
			require.Regexp(t, rfc5424Timestamp, got)
		})
	}
}
