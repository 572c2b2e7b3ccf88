package inventory

import (
	"testing"
	"time"
)

// ShortenNetBoxBackoff makes NetBox retries wait d instead of the
// production backoff for the rest of the test.
func ShortenNetBoxBackoff(t testing.TB, d time.Duration) {
	old := netboxBackoff
	netboxBackoff = d
	t.Cleanup(func() { netboxBackoff = old })
}
