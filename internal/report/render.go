package report

import (
	"fmt"
	"io"
	"strings"
)

// Formats lists the -o values Render accepts.
var Formats = []string{"table", "json", "json-v1", "csv", "markdown", "html"}

// RenderOptions shape the formats that have a shape to choose.
type RenderOptions struct {
	// Width is the terminal width the table fits (TableOptions.Width);
	// 0 is no limit. FitWidth computes it from --wide and the terminal.
	Width int
}

// Render writes the run in the named format, the table with no width limit.
func Render(w io.Writer, format string, r Run) error {
	return RenderWith(w, format, r, RenderOptions{})
}

// RenderWith writes the run in the named format.
func RenderWith(w io.Writer, format string, r Run, opts RenderOptions) error {
	switch format {
	case "table", "":
		return RenderTableWith(w, r, TableOptions{Width: opts.Width})
	case "detail":
		return RenderDetail(w, r)
	case "json":
		return RenderJSON(w, r) // fwaudit.report/v2
	case "json-v1":
		return RenderJSONV1(w, r) // frozen fwaudit.report/v1
	case "csv":
		return RenderCSV(w, r)
	case "markdown":
		return RenderMarkdown(w, r)
	case "html":
		return RenderHTML(w, r)
	default:
		return fmt.Errorf("unknown output format %q (known: %s)", format, strings.Join(Formats, ", "))
	}
}
