package release

import (
	"cmp"
	"strings"
)

// Compare orders two release identities — 17.9.1r, 16.12(2r), 17.09.04a,
// 17.9.1r[FC2], 15.0(1r)M16, 9.16(4)85 — after Firmware, and returns -1, 0
// or +1. ok is false when the two cannot be ordered honestly (different
// trains, different build qualifiers on the same numbers, a ROMMON "r"
// against an image rebuild letter, or text that is not a version): the
// caller must then say so instead of guessing.
func Compare(a, b string) (c int, ok bool) {
	va, okA := parse(Firmware(a))
	vb, okB := parse(Firmware(b))
	if !okA || !okB || va.train != vb.train {
		return 0, false
	}
	n := max(len(va.nums), len(vb.nums))
	for i := range n {
		if c := cmp.Compare(at(va.nums, i), at(vb.nums, i)); c != 0 {
			return c, true
		}
	}
	if va.letter != vb.letter {
		if isMarker(va.letter) || isMarker(vb.letter) {
			return 0, false
		}
		return cmp.Compare(va.letter, vb.letter), true // "" < "a" < "b": rebuilds
	}
	if c := cmp.Compare(va.trainNum, vb.trainNum); c != 0 {
		return c, true // 15.0(1r)M15 < 15.0(1r)M16
	}
	if va.qual != vb.qual {
		return 0, false
	}
	return 0, true
}

// Same reports whether a and b name the same release: equal release
// identities (17.05.01a and 17.5.1a), or, for text that is not a version,
// the same text after Firmware ignoring case.
func Same(a, b string) bool {
	if c, ok := Compare(a, b); ok {
		return c == 0
	}
	fa, fb := Firmware(a), Firmware(b)
	return fa != "" && strings.EqualFold(fa, fb) || strings.TrimSpace(a) == "" && strings.TrimSpace(b) == ""
}

// isMarker: a trailing "r" marks a ROMMON release, not a rebuild.
func isMarker(l string) bool { return l == "r" }

func at(xs []int, i int) int {
	if i < len(xs) {
		return xs[i]
	}
	return 0
}

type version struct {
	nums     []int
	letter   string // letters after the last number: "r" (ROMMON) or a rebuild "a"
	train    string // letters after ")": 15.0(1r)M16 → "m"
	trainNum int    // the train's rebuild number: 15.0(1r)M16 → 16
	qual     string // bracketed build: 17.9.1r[FC2] → "fc2"
}

// parse reads digits separated by '.' or '(' with an optional letter
// suffix on the last number, an optional ")TRAIN" (letters, then an
// optional number) or ASA's ")BUILD" (digits: 9.16(4)85 is 9.16.4.85),
// and an optional "[QUAL]".
func parse(s string) (version, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	var v version
	if i := strings.IndexByte(s, '['); i >= 0 && strings.HasSuffix(s, "]") {
		v.qual, s = strings.TrimSpace(s[i+1:len(s)-1]), strings.TrimSpace(s[:i])
	}
	if i := strings.IndexByte(s, ')'); i >= 0 {
		train := s[i+1:]
		s = s[:i]
		letters := leadingLetters(train)
		digits := train[len(letters):]
		if !allDigits(digits) || len(digits) > 9 {
			return version{}, false
		}
		switch {
		case letters != "":
			v.train, v.trainNum = letters, atoi(digits)
		case digits != "":
			s += "." + digits // ASA interim build
		}
	}
	if s == "" || len(s) > 64 || strings.Count(s, "(") > 1 {
		return version{}, false
	}
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '.' || r == '(' }) {
		if v.letter != "" { // a letter suffix only on the last number
			return version{}, false
		}
		i := 0
		for i < len(part) && part[i] >= '0' && part[i] <= '9' {
			i++
		}
		if i == 0 || i > 9 || !isLetters(part[i:]) {
			return version{}, false
		}
		v.nums, v.letter = append(v.nums, atoi(part[:i])), part[i:]
	}
	return v, len(v.nums) > 0
}

func atoi(s string) int {
	n := 0
	for _, d := range s {
		n = n*10 + int(d-'0')
	}
	return n
}

func leadingLetters(s string) string {
	i := 0
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	return s[:i]
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
