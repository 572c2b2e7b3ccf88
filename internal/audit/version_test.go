package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
)

func TestCompareVersions(t *testing.T) { // the rules' entry point to release.Compare
	tests := []struct {
		name, a, b string
		want       int
		ok         bool
	}{
		{"equal", "17.9.1r", "17.9.1r", 0, true},
		{"paren-and-dot-forms-agree", "16.12(2r)", "16.12.2r", 0, true},
		{"zero-padding", "17.09.04a", "17.9.4a", 0, true},
		{"major", "16.12(2r)", "17.9.1r", -1, true},
		{"minor-numeric-not-lexical", "17.10.1r", "17.9.1r", 1, true},
		{"rommon-brackets-differ-in-numbers", "17.6.1r[FC2]", "17.9.1r[FC2]", -1, true},
		{"rommon-brackets-same", "17.9.1r[FC2]", "17.9.1r[FC2]", 0, true},
		{"same-numbers-other-build", "17.9.1r[FC2]", "17.9.1r[FC3]", 0, false},
		{"rebuild-letter", "17.09.04a", "17.09.04", 1, true},
		{"rebuild-letters", "17.09.04a", "17.09.04b", -1, true},
		{"rommon-marker-vs-rebuild", "17.9.1r", "17.9.1a", 0, false},
		{"shorter", "17.9", "17.9.1", -1, true},
		{"train-same", "15.0(1r)M", "15.1(1r)M", -1, true},
		{"train-differs", "15.0(1r)M", "15.0(1r)SE", 0, false},
		{"garbage", "latest", "17.9.1r", 0, false},
		{"empty", "", "17.9.1r", 0, false},
		{"letter-in-middle", "17a.9", "17.9", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := audit.CompareVersions(tc.a, tc.b)
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.want, got)
			if ok {
				back, _ := audit.CompareVersions(tc.b, tc.a)
				require.Equal(t, -tc.want, back, "antisymmetric")
			}
		})
	}
}

func FuzzCompareVersions(f *testing.F) {
	for _, s := range []string{"17.9.1r", "16.12(2r)", "17.09.04a", "17.9.1r[FC2]", "15.0(1r)M", "", "(((", "1.2.3)x[y]"} {
		f.Add(s, "17.9.1r")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		c, ok := audit.CompareVersions(a, b)
		back, okBack := audit.CompareVersions(b, a)
		if ok != okBack || (ok && c != -back) {
			t.Fatalf("not antisymmetric: %q %q → %d,%v / %d,%v", a, b, c, ok, back, okBack)
		}
		if self, ok := audit.CompareVersions(a, a); ok && self != 0 {
			t.Fatalf("%q not equal to itself", a)
		}
	})
}
