package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"plain", "17.9.1r[FC2]", 0, "17.9.1r[FC2]"},
		{"csi-color", "\x1b[31mred\x1b[0m", 0, "red"},
		{"csi-clear-screen", "a\x1b[2Jb", 0, "ab"},
		{"osc-title-bel", "\x1b]0;pwned\x07ok", 0, "ok"},
		{"osc-title-st", "\x1b]0;pwned\x1b\\ok", 0, "ok"},
		{"nul-and-bell", "a\x00b\x07c", 0, "abc"},
		{"c1-controls", "a\u0085b\u009bc", 0, "abc"},
		{"newlines-dropped", "a\r\nb", 0, "ab"},
		{"tab-kept", "a\tb", 0, "a\tb"},
		{"invalid-utf8", "a\xffb", 0, "a\uFFFDb"},
		{"bidi-override", "abc\u202edcba", 0, "abcdcba"},
		{"line-separator", "a\u2028b", 0, "ab"},
		{"paragraph-separator", "a\u2029b", 0, "ab"},
		{"bidi-embeddings-overrides", "a\u202ab\u202bc\u202cd\u202de", 0, "abcde"},
		{"bidi-isolates", "a\u2066b\u2067c\u2068d\u2069e", 0, "abcde"},
		{"cap", "abcdef", 3, "abc…"},
		{"cap-exact", "abc", 3, "abc"},
		{"lone-esc-at-end", "abc\x1b", 0, "abc"},
		{"unterminated-csi", "abc\x1b[12", 0, "abc"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Clean(tc.in, tc.max)
			require.Equal(t, tc.want, got)
			require.True(t, IsSafe(got))
		})
	}
}

func TestIsSafe(t *testing.T) {
	require.True(t, IsSafe("System Bootstrap, Version 16.12(2r)"))
	require.False(t, IsSafe("a\x1b[0m"))
	require.False(t, IsSafe("a\x00"))
	require.False(t, IsSafe("a\xff"))
	require.False(t, IsSafe("a\n"))
}

func TestField(t *testing.T) {
	require.Equal(t, "x.bin", Field("  x.bin\r "))
	long := strings.Repeat("a", 10*MaxField)
	require.Equal(t, MaxField+1, utf8.RuneCountInString(Field(long)))
}

func TestLines(t *testing.T) {
	got := Lines("a\x1b[1m\r\nb\x00\nc\nd", 10, 3)
	require.Equal(t, "a\nb\nc\n…", got)
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "abc", "\x1b[31mx", "\x1b]0;t\x07", "a\x00\xff\u202e", strings.Repeat("\x1b[", 50)} {
		f.Add(s, 16)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max > 1<<16 || max < -1 {
			max = 16
		}
		got := Clean(s, max)
		if !IsSafe(got) {
			t.Fatalf("Clean(%q) = %q is not safe", s, got)
		}
		if max > 0 && utf8.RuneCountInString(got) > max+1 {
			t.Fatalf("Clean(%q, %d) kept %d runes", s, max, utf8.RuneCountInString(got))
		}
		if len(got) > 3*len(s)+3 {
			t.Fatalf("output grew: %d from %d", len(got), len(s))
		}
	})
}

func BenchmarkClean(b *testing.B) {
	s := strings.Repeat("ROM: System Bootstrap \x1b[31m, Version 15.0(1r)M15\x00 ", 2000)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Clean(s, 0)
	}
}
