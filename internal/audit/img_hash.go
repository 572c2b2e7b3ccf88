package audit

import (
	"strings"

	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// HashComparison is the outcome of comparing one image hash with the
// baseline image of the same name.
type HashComparison struct {
	Algo     string // "sha512" or "sha256": the algorithm both sides have
	Observed string // the hash as collected, trimmed
	Expected string // the baseline's digest
	Differs  bool
}

// CompareImageHash compares h with im on the strongest algorithm both have:
// sha512 when the hash and the baseline both give one, else sha256 (Junos
// hashes only SHA-256 on the box). ok is false when they share none, so
// nothing can be said.
func CompareImageHash(h facts.ImageHash, im baseline.Image) (c HashComparison, ok bool) {
	for _, p := range []struct{ algo, got, want string }{
		{"sha512", h.SHA512, im.SHA512},
		{"sha256", h.SHA256, im.SHA256},
	} {
		got := strings.TrimSpace(p.got)
		if got == "" || p.want == "" {
			continue
		}
		return HashComparison{Algo: p.algo, Observed: got, Expected: p.want, Differs: !strings.EqualFold(got, p.want)}, true
	}
	return HashComparison{}, false
}
