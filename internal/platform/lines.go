package platform

import (
	"strings"

	"fwaudit/internal/textsafe"
)

// eachLine calls fn on every line of s with the line ending (LF or CRLF)
// removed, until fn returns false. It does not copy s, so it is linear in
// len(s) whatever the line lengths.
func eachLine(s string, fn func(line string) bool) {
	for line := range strings.Lines(s) {
		if !fn(strings.TrimRight(line, "\r\n")) {
			return
		}
	}
}

// hasPrefixFold reports whether s starts with prefix, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if !hasPrefixFold(s, prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// firstToken returns the first whitespace-separated word of s, with
// trailing commas removed.
func firstToken(s string) string {
	s = strings.TrimLeft(s, " \t")
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, ",")
}

// maxPhrase caps how much of a line a version phrase may span before it is
// cleaned; it keeps work per line small when a device sends 1 MB lines.
const maxPhrase = 4 * textsafe.MaxField

// versionPhrase returns the text after the first "Version " or "version "
// in s up to the next comma, with runs of whitespace collapsed:
// "System Bootstrap, Version 16.9.1r [FC2], RELEASE" gives "16.9.1r [FC2]".
func versionPhrase(s string) string {
	i := strings.Index(s, "Version ")
	if i < 0 {
		i = strings.Index(s, "version ")
	}
	if i < 0 {
		return ""
	}
	s = s[i+len("Version "):]
	if j := strings.IndexByte(s, ','); j >= 0 {
		s = s[:j]
	}
	if len(s) > maxPhrase {
		s = s[:maxPhrase]
	}
	return field(strings.Join(strings.Fields(s), " "))
}

// field makes one parsed value safe: textsafe.Field on at most maxPhrase
// bytes, so a hostile 1 MB token costs no more than a short one.
func field(s string) string {
	if len(s) > maxPhrase {
		s = s[:maxPhrase]
	}
	return textsafe.Field(s)
}

// unsupported reports whether the first lines of an output are the CLI's
// rejection of the command ("% Invalid input detected at '^' marker.").
func unsupported(s string) bool {
	found, seen := false, 0
	eachLine(s, func(line string) bool {
		line = strings.TrimSpace(line)
		if line == "" || line == "^" {
			return true
		}
		for _, p := range []string{"% Invalid input", "% Incomplete command", "% Ambiguous command", "% Unrecognized command"} {
			if strings.HasPrefix(line, p) {
				found = true
				return false
			}
		}
		seen++
		return seen < 4
	})
	return found
}
