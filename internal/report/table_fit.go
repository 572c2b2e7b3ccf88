package report

import (
	"strconv"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"fwaudit/internal/textsafe"
)

// TableOptions shape the table output.
type TableOptions struct {
	// Width is the number of terminal columns the tables must fit: the
	// widest cells that may be cut are cut first, with an ellipsis; device
	// names, statuses, rule IDs and severities never are, and an error's
	// cause wraps instead. 0 means no limit (--wide): every cell in full.
	Width int
}

// FitWidth is the width the table should fit: none with --wide; the
// terminal's columns when stdout is a terminal (ttyCols > 0); else
// $COLUMNS when it is a positive number; else none (a pipe, a file, cron).
func FitWidth(wide bool, ttyCols int, columns string) int {
	switch {
	case wide:
		return 0
	case ttyCols > 0:
		return ttyCols
	}
	if n, err := strconv.Atoi(strings.TrimSpace(columns)); err == nil && n > 0 {
		return n
	}
	return 0
}

const (
	// minCut is the narrowest a cut column gets ("cis…"), unless the
	// column says otherwise.
	minCut = 4
	// errorMax caps an error cause: our own text, with device parts cleaned.
	errorMax = 4 * textsafe.MaxField
)

// column is one table column: its header, whether fitting may cut it,
// and how narrow it may get when it may (0: minCut).
type column struct {
	header string
	keep   bool
	min    int
}

// grid is a table before it is fitted: cleaned cells, and for each row the
// column that holds an error cause, or -1. A cause is never cut: it stays
// in its cell when it fits there, else it goes on its own lines, wrapped,
// below the row.
type grid struct {
	cols []column
	rows [][]string
	wrap []int
}

func newGrid(cols ...column) *grid { return &grid{cols: cols} }

func (g *grid) add(cells ...string) {
	g.rows = append(g.rows, cells)
	g.wrap = append(g.wrap, -1)
}

// addError adds a row whose cell in column col is an error cause.
func (g *grid) addError(col int, cells ...string) {
	g.add(cells...)
	g.wrap[len(g.wrap)-1] = col
}

// widths are the columns' widths: in full with no limit; else fitted to
// width by cutting the widest cuttable column first, then giving what room
// is left to the columns holding error causes. A table that cannot fit
// even then is left wider than width rather than cutting what must stay.
func (g *grid) widths(width int) []int {
	n := len(g.cols)
	w, wrapNeed := make([]int, n), make([]int, n)
	for i, c := range g.cols {
		w[i] = text.StringWidthWithoutEscSequences(c.header)
	}
	for r, row := range g.rows {
		for i, cell := range row {
			cw := text.StringWidthWithoutEscSequences(cell)
			if i == g.wrap[r] {
				wrapNeed[i] = max(wrapNeed[i], cw)
				continue
			}
			w[i] = max(w[i], cw)
		}
	}
	if width <= 0 {
		for i := range w {
			w[i] = max(w[i], wrapNeed[i])
		}
		return w
	}
	room := width - (3*n + 1) // "│ " before each cell, " " after, and the last "│"
	for total(w) > room {
		i := widestCuttable(g.cols, w)
		if i < 0 {
			break
		}
		w[i]--
	}
	for i := range w {
		if extra := room - total(w); extra > 0 && wrapNeed[i] > w[i] {
			w[i] += min(extra, wrapNeed[i]-w[i])
		}
	}
	return w
}

func widestCuttable(cols []column, w []int) int {
	best := -1
	for i, c := range cols {
		floor := minCut
		if c.min > 0 {
			floor = c.min
		}
		if c.keep || w[i] <= floor {
			continue
		}
		if best < 0 || w[i] > w[best] {
			best = i
		}
	}
	return best
}

func total(w []int) int {
	n := 0
	for _, x := range w {
		n += x
	}
	return n
}

// render fits the grid to width and writes it as a go-pretty table.
func (g *grid) render(t table.Writer, width int) {
	w := g.widths(width)
	header := make(table.Row, len(g.cols))
	for i, c := range g.cols {
		header[i] = text.Snip(c.header, w[i], "…")
	}
	t.AppendHeader(header)
	// A merged cell gets the columns' widths and the separators between
	// them; go-pretty widens the columns for anything longer.
	span := total(w) + len(w) - 1
	for r, row := range g.rows {
		out := make(table.Row, len(row))
		var cause string
		for i, c := range row {
			switch {
			case i == g.wrap[r]:
				out[i] = c
				if width > 0 && text.StringWidthWithoutEscSequences(c) > w[i] {
					out[i], cause = text.Snip("(cause below)", w[i], "…"), c
				}
			case g.cols[i].keep:
				out[i] = c
			default:
				out[i] = text.Snip(c, w[i], "…")
			}
		}
		t.AppendRow(out)
		if cause != "" {
			t.AppendRow(spanRow(wrapCell("cause: "+cause, span), len(row)), table.RowConfig{AutoMerge: true, AutoMergeAlign: text.AlignLeft})
		}
	}
}

// spanRow is a row whose n cells hold the same text: go-pretty merges
// them into one cell across the table.
func spanRow(s string, n int) table.Row {
	row := make(table.Row, n)
	for i := range row {
		row[i] = s
	}
	return row
}

// wrapCell breaks s into lines of at most width columns, at spaces where it
// can and inside a word where it must: nothing of it is lost.
func wrapCell(s string, width int) string {
	lines := strings.Split(text.WrapSoft(s, width), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// cell cleans one device string for a table cell: no escapes or controls,
// tabs as spaces (they would break the column), at most MaxField runes.
func cell(s string) string {
	return strings.ReplaceAll(textsafe.Clean(s, textsafe.MaxField), "\t", " ")
}

// errorCell cleans an error cause, which may be longer than a field.
func errorCell(s string) string {
	return strings.ReplaceAll(textsafe.Clean(s, errorMax), "\t", " ")
}
