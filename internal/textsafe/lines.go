package textsafe

import "strings"

// Lines cleans multi-line text for display: each line through Clean with
// maxLine, CRs dropped, at most maxLines lines kept.
func Lines(s string, maxLine, maxLines int) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r", ""), "\n")
	cut := false
	if maxLines > 0 && len(lines) > maxLines {
		lines, cut = lines[:maxLines], true
	}
	for i, l := range lines {
		lines[i] = Clean(l, maxLine)
	}
	if cut {
		lines = append(lines, "…")
	}
	return strings.Join(lines, "\n")
}
