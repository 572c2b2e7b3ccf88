package audit

import (
	"cmp"
	"strings"
)

// CompareVersions orders two Cisco-style version strings — 17.9.1r,
// 16.12(2r), 17.09.04a, 17.9.1r[FC2], 15.0(1r)M — and returns -1, 0 or +1.
// ok is false when the two cannot be ordered honestly (different trains,
// different build qualifiers on the same numbers, a ROMMON "r" against an
// image rebuild letter, or text that is not a version): the caller must
// then say so instead of guessing.
func CompareVersions(a, b string) (c int, ok bool) {
	va, okA := parseVersion(a)
	vb, okB := parseVersion(b)
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
	if va.qual != vb.qual {
		return 0, false
	}
	return 0, true
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
	nums   []int
	letter string // letters after the last number: "r" (ROMMON) or a rebuild "a"
	train  string // after ")": 15.0(1r)M → "M"
	qual   string // bracketed build: 17.9.1r[FC2] → "FC2"
}

// parseVersion reads digits separated by '.' or '(' with an optional
// letter suffix on the last number, an optional ")TRAIN" and "[QUAL]".
func parseVersion(s string) (version, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	var v version
	if i := strings.IndexByte(s, '['); i >= 0 && strings.HasSuffix(s, "]") {
		v.qual, s = s[i+1:len(s)-1], s[:i]
	}
	if i := strings.IndexByte(s, ')'); i >= 0 {
		v.train, s = s[i+1:], s[:i]
		if !isLetters(v.train) {
			return version{}, false
		}
	}
	if s == "" || len(s) > 64 {
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
		n := 0
		for _, d := range part[:i] {
			n = n*10 + int(d-'0')
		}
		v.nums, v.letter = append(v.nums, n), part[i:]
	}
	return v, len(v.nums) > 0 && strings.Count(s, "(") <= 1
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}
