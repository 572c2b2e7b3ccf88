package report

import (
	"fmt"
	"io"
	"strings"
)

// Formats lists the -o values Render accepts.
var Formats = []string{"table", "json", "csv", "markdown", "html"}

// Render writes the run in the named format.
func Render(w io.Writer, format string, r Run) error {
	switch format {
	case "table", "":
		return RenderTable(w, r)
	case "detail":
		return RenderDetail(w, r)
	case "json":
		return RenderJSON(w, r)
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
