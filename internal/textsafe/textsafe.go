package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxField is the default cap for one parsed field (a version, a file name).
const MaxField = 256

// Clean returns s with ANSI escape sequences, C0/C1 control characters (but
// tab), NUL, format characters (bidi controls) and line / paragraph
// separators removed, invalid UTF-8 replaced by U+FFFD, and at most max runes
// kept (an ellipsis marks a cut). Use it on every string that came from a
// device before it reaches a terminal, a report or a log. max <= 0 means no cap.
func Clean(s string, max int) string {
	if IsSafe(s) && (max <= 0 || utf8.RuneCountInString(s) <= max) {
		return s
	}
	var b strings.Builder
	b.Grow(min(len(s), 4*max+8))
	n := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b { // ESC: skip the whole escape sequence
			i = skipEscape(s, i)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size <= 1 {
			r = utf8.RuneError
		}
		if !printable(r) {
			continue
		}
		if max > 0 && n == max {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// Field cleans one parsed value: Clean with MaxField, surrounding spaces trimmed.
func Field(s string) string {
	return strings.TrimSpace(Clean(strings.TrimSpace(s), MaxField))
}

// IsSafe reports whether s is valid UTF-8 with no control characters other
// than tab, and no escape sequences.
func IsSafe(s string) bool {
	// Fast path: device output is nearly always printable ASCII, which
	// needs neither UTF-8 validation nor the Unicode category tables.
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			break
		}
		if (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
	}
	if i == len(s) {
		return true
	}
	s = s[i:]
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !printable(r) {
			return false
		}
	}
	return true
}

func printable(r rune) bool {
	if r == '\t' {
		return true
	}
	if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
		return false
	}
	if r < 0x80 {
		return true // printable ASCII: no format or separator characters there
	}
	// Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) and other
	// format characters can reorder what a terminal shows; the line and
	// paragraph separators U+2028 / U+2029 break lines in browsers,
	// editors and JavaScript.
	if unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
		return false
	}
	return true
}

// skipEscape returns the index just after the escape sequence that starts at
// s[i] == ESC: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), or a
// two-byte sequence.
func skipEscape(s string, i int) int {
	i++ // ESC
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		i++
		for i < len(s) && !(s[i] >= 0x40 && s[i] <= 0x7e) {
			i++
		}
		return min(i+1, len(s))
	case ']', 'P', '_', '^':
		i++
		for i < len(s) {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			i++
		}
		return i
	default:
		return i + 1
	}
}
