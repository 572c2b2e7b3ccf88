package audit_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

const junosImage = "junos-install-mx-x86-64-21.4R3-S3.4.tgz"

var (
	good256 = strings.Repeat("12", 32)
	bad256  = strings.Repeat("34", 32)
)

// junosInput is a Junos device whose baseline image has the given digests.
func junosInput(sha512, sha256 string, hashes ...facts.ImageHash) audit.Input {
	f := facts.Facts{Model: "mx204", ImageHashes: hashes}
	m := &baseline.Model{Pattern: "mx204", File: "baselines/juniper_junos.yaml", Line: 3,
		Images: []baseline.Image{{File: junosImage, SHA512: sha512, SHA256: sha256}}}
	return audit.Input{Device: "mx1", Platform: "juniper_junos", Facts: f, Model: m, HasBaseline: true}
}

func sha256Hash(hex string) facts.ImageHash {
	return facts.ImageHash{File: "/var/tmp/" + junosImage, SHA256: hex, Source: facts.SourceDevice}
}

func TestIMG002_FiresWhenSHA256Differs(t *testing.T) {
	tests := []struct {
		name     string
		in       audit.Input
		observed string
		expected string
		evidence string
	}{
		{"sha256-only-baseline", junosInput("", good256, sha256Hash(bad256)), bad256, good256, "device's own sha256 checksum of /var/tmp/" + junosImage},
		{"both-in-baseline-device-has-sha256", junosInput(goodSHA, good256, sha256Hash(strings.ToUpper(bad256))), strings.ToUpper(bad256), good256, "with a different sha256"},
		{"sha512-preferred-when-both-sides-have-it",
			junosInput(goodSHA, good256, facts.ImageHash{File: junosImage, SHA512: strings.Repeat("cd", 64), SHA256: good256, Source: facts.SourceOffbox}),
			strings.Repeat("cd", 64), goodSHA, "with a different sha512"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := only(audit.Evaluate(tc.in), audit.IMG002)
			require.Len(t, got, 1)
			require.Equal(t, tc.observed, got[0].Observed)
			require.Equal(t, tc.expected, got[0].Expected)
			require.Contains(t, got[0].Evidence, tc.evidence)
			require.True(t, got[0].Escalate)
		})
	}
}

func TestIMG002_QuietWhenSHA256(t *testing.T) {
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"sha256-matches", junosInput("", good256, sha256Hash(strings.ToUpper(good256)))},
		{"baseline-has-only-sha512", junosInput(goodSHA, "", sha256Hash(bad256))},
		{"device-has-only-sha512-baseline-only-sha256",
			junosInput("", good256, facts.ImageHash{File: junosImage, SHA512: strings.Repeat("cd", 64), Source: facts.SourceOffbox})},
		{"sha512-matches-sha256-ignored",
			junosInput(goodSHA, good256, facts.ImageHash{File: junosImage, SHA512: goodSHA, SHA256: bad256, Source: facts.SourceOffbox})},
		{"empty-sha256", junosInput("", good256, sha256Hash(" "))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.IMG002))
		})
	}
}
