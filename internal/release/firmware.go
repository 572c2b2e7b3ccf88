package release

import "strings"

// maxText bounds the work on one string; versions are short.
const maxText = 256

// Firmware returns the version a vendor firmware string names, with the
// framing the vendor prints around it removed:
//
//	System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1) → 15.0(1r)M16
//	12.2(8r) [cmong 8r]                                           → 12.2(8r)
//	0.0.16 [DEVELOPMENT SOFTWARE] crashkernel=64M                 → 0.0.16
//	5.15(c) 1994-2012 by Cisco Systems,  Inc.                     → 5.15
//	17.9.1r [FC2]                                                 → 17.9.1r[FC2]
//
// A bracketed build tag without spaces ([FC2]) is part of the version; a
// bracket holding words ([cmong 8r], [DEVELOPMENT SOFTWARE]) and what
// follows it is not. "(c)" is the copyright sign, not a version part.
// Other words are kept ("1.1.6 (Mar 25 2009 - 06:13:12) 2.4.0" stays
// whole), with runs of blanks made one: dropping them could make two
// builds look the same.
func Firmware(s string) string {
	if len(s) > maxText {
		s = s[:maxText]
	}
	s = strings.TrimSpace(s)
	if i := indexVersionWord(s); i >= 0 {
		s = s[i:]
		if j := strings.IndexByte(s, ','); j >= 0 {
			s = s[:j]
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(strings.ToLower(s), "(c)"); i > 0 {
		s = s[:i]
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		return ""
	}
	out := words[0]
	for _, w := range words[1:] {
		switch {
		case strings.HasPrefix(w, "[") && strings.HasSuffix(w, "]") && len(w) > 2 && !strings.HasSuffix(out, "]"):
			out += w // "17.9.1r [FC2]": a build tag
			continue
		case strings.HasPrefix(w, "["):
			// a worded bracket ([cmong 8r], [DEVELOPMENT SOFTWARE]) and
			// what follows it (kernel arguments) are not the version
		default:
			out += " " + w // other words stay: they may tell builds apart
			continue
		}
		break
	}
	if i := strings.IndexByte(out, '['); i > 0 && !strings.HasSuffix(out, "]") {
		out = out[:i] // "[DEVELOPMENT" glued to the number
	}
	return out
}

// indexVersionWord returns where the text after "Version " / "version "
// starts, or -1.
func indexVersionWord(s string) int {
	for _, w := range []string{"Version ", "version ", "VERSION "} {
		if i := strings.Index(s, w); i >= 0 {
			return i + len(w)
		}
	}
	return -1
}
