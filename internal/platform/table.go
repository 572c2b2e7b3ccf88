package platform

import "strings"

// wrapWidth is the narrowest terminal width a saved table is taken to have
// been wrapped at: a line at least this long followed by a line that
// starts no row was cut by the terminal, not by the device.
const wrapWidth = 79

// tableLines returns the lines of a saved table output the way the device
// printed them, undoing what terminals and tickets do to a paste:
//
//   - the indentation every header and row shares is removed (an output
//     quoted in a ticket or e-mail);
//   - blank lines are dropped: a table ends at the next header or at a line
//     that is not a row, never at a blank line;
//   - a line wrapped at the terminal width is joined back to its row: a
//     line that directly follows a row or header (no blank line between)
//     and starts none itself continues it when the row is wrapWidth or more
//     bytes long (the terminal cut it, maybe mid-word: glued as is) or when
//     it is indented deeper than the row (a ticket wrapped it at a word:
//     joined with one space). A dash line cut at the terminal width is
//     glued back the same way.
//
// starts reports whether a dedented line starts a row or a header; it
// decides what a continuation is. Lines are capped by limit.
func tableLines(s string, starts func(line string) bool) []string {
	var raw []string
	indent := -1
	eachLine(s, func(line string) bool {
		line = strings.TrimRight(limit(line), " \t")
		raw = append(raw, line)
		if t := strings.TrimLeft(line, " \t"); t != "" && starts(t) {
			if n := len(line) - len(t); indent < 0 || n < indent {
				indent = n
			}
		}
		return len(raw) < 1<<16
	})
	indent = max(indent, 0)
	var out []string
	prevRow, prevLen := false, 0
	for _, line := range raw {
		if strings.TrimSpace(line) == "" {
			prevRow = false
			continue
		}
		n := min(indent, len(line)-len(strings.TrimLeft(line, " \t")))
		line = line[n:]
		isStart := starts(strings.TrimLeft(line, " \t"))
		dash := isDashLine(line)
		if len(out) > 0 && !isStart {
			last := out[len(out)-1]
			lastDash := isDashLine(last)
			switch {
			case dash && lastDash && prevLen >= wrapWidth,
				prevRow && !dash && prevLen >= wrapWidth:
				out[len(out)-1] = limit(last + line)
				prevLen = len(line) + n
				continue
			case prevRow && !dash && line != strings.TrimLeft(line, " \t"):
				out[len(out)-1] = limit(last + " " + strings.TrimLeft(line, " \t"))
				prevLen = len(line) + n
				continue
			}
		}
		out = append(out, line)
		prevRow, prevLen = isStart, len(line)+n
	}
	return out
}
