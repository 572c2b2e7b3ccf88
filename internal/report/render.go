package report

import (
	"fmt"
	"io"
	"strings"
)

// Formats lists the -o values Render accepts.
var Formats = []string{"table", "json"}

// Render writes the run in the named format.
func Render(w io.Writer, format string, r Run) error {
	switch format {
	case "table", "":
		return RenderTable(w, r)
	case "detail":
		return RenderDetail(w, r)
	case "json":
		return RenderJSON(w, r)
	default:
		return fmt.Errorf("unknown output format %q (known: %s)", format, strings.Join(Formats, ", "))
	}
}
