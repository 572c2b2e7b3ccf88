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
	var rawLen []int // lengths before trailing blanks were trimmed: a terminal cuts at its width
	indent := -1
	eachLine(s, func(line string) bool {
		line = limit(line)
		rawLen = append(rawLen, len(line))
		raw = append(raw, line)
		line = strings.TrimRight(line, " \t")
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
	prevTrail := "" // the blanks trimmed off the previous line, put back when it is glued
	for li, line := range raw {
		full := rawLen[li]
		trimmed := strings.TrimRight(line, " \t")
		trail := line[len(trimmed):]
		line = trimmed
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
				out[len(out)-1] = strings.TrimRight(limit(last+prevTrail+line), " \t")
				prevLen, prevTrail = full, trail
				continue
			case prevRow && !dash && line != strings.TrimLeft(line, " \t"):
				out[len(out)-1] = limit(last + " " + strings.TrimLeft(line, " \t"))
				prevLen, prevTrail = full, trail
				continue
			}
		}
		out = append(out, line)
		prevRow, prevLen, prevTrail = isStart, full, trail
	}
	return out
}

// dedent removes the indentation every non-blank line of s shares (an
// output pasted into a ticket or e-mail), so parsers that key on the start
// of a line still find it. s is returned as is when no line is indented.
func dedent(s string) string {
	indent := -1
	eachLine(s, func(line string) bool {
		if t := strings.TrimLeft(line, " \t"); t != "" {
			if n := len(line) - len(t); indent < 0 || n < indent {
				indent = n
			}
		}
		return indent != 0
	})
	if indent <= 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	eachLine(s, func(line string) bool {
		if len(line) >= indent && strings.TrimLeft(line[:indent], " \t") == "" {
			line = line[indent:]
		}
		b.WriteString(line)
		b.WriteByte('\n')
		return true
	})
	return b.String()
}

// unwrap undoes a terminal's hard wrap in a line-oriented output (after
// dedent): a line at least wrapWidth bytes long is glued to the next one
// when continues(line, next) says the next line is the rest of it rather
// than a line of its own. Parsers pass a strict continues: the first line
// must be one whose value can run long, the next one must not start a
// line the parser knows.
func unwrap(s string, continues func(line, next string) bool) string {
	s = dedent(s)
	if !wrapped(s, continues) {
		return s // the common case: nothing to glue, nothing copied
	}
	var b strings.Builder
	b.Grow(len(s))
	first, glued, lastLen, open := "", 0, -1, false // the line being built: its first piece, bytes glued, last piece's length
	eachLine(s, func(line string) bool {
		if open && lastLen >= wrapWidth && strings.TrimSpace(line) != "" && continues(limit(first), limit(line)) {
			if glued < maxLine { // a hostile run of wrapped pieces adds at most maxLine bytes
				b.WriteString(line[:min(len(line), maxLine)])
				glued += len(line)
			}
			lastLen = len(line)
			return true
		}
		if open {
			b.WriteByte('\n')
		}
		b.WriteString(line)
		first, glued, lastLen, open = line, 0, len(line), true
		return true
	})
	if open {
		b.WriteByte('\n')
	}
	return b.String()
}

// wrapped reports whether unwrap would glue any line of s.
func wrapped(s string, continues func(line, next string) bool) bool {
	found, prev, prevLen := false, "", -1
	eachLine(s, func(line string) bool {
		if prevLen >= wrapWidth && strings.TrimSpace(line) != "" && continues(limit(prev), limit(line)) {
			found = true
			return false
		}
		prev, prevLen = line, len(line)
		return true
	})
	return found
}
