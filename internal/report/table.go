package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"

	"fwaudit/internal/facts"
)

// RenderTable writes the tables with no width limit (RenderTableWith).
func RenderTable(w io.Writer, r Run) error { return RenderTableWith(w, r, TableOptions{}) }

// RenderTableWith writes the fleet table, the findings table (when there
// are findings) and a summary line, each table fitted to opts.Width. Every
// device string is cleaned again here: defence in depth against a parser
// that missed something.
func RenderTableWith(w io.Writer, r Run, opts TableOptions) error {
	g := newGrid(column{header: "Device", keep: true}, column{header: "Platform"}, column{header: "Model"},
		column{header: "ROMMON"}, column{header: "Image"}, column{header: "Status", keep: true},
		column{header: "Findings", min: len("ROM-001…")})
	for _, d := range r.Devices {
		g.add(cell(d.Name), cell(d.Platform), cell(d.Facts.Model), cell(rommonCell(d.Facts.ROMMON)),
			cell(facts.BaseName(d.Facts.Image)), statusCell(d), cell(findingIDs(d)))
	}
	t := newTable(w)
	g.render(t, opts.Width)
	t.Render()
	if err := renderFindingsTable(w, r, opts); err != nil {
		return err
	}
	s := r.Summary()
	_, err := fmt.Fprintf(w, "\n%d devices: %d clean, %d drift, %d error, %d unassessed, %d to escalate\n",
		s.Devices, s.Clean, s.Drift, s.Error, s.Unassessed, s.Escalate)
	return err
}

// findingsTitle is the findings table's column that holds an error cause.
const findingsTitle = 3

func renderFindingsTable(w io.Writer, r Run, opts TableOptions) error {
	g := newGrid(column{header: "Device", keep: true}, column{header: "Rule", keep: true}, column{header: "Severity", keep: true},
		column{header: "Title"}, column{header: "Observed"}, column{header: "Expected"}, column{header: "Escalate", keep: true})
	for _, d := range r.Devices {
		for _, f := range d.Findings {
			g.add(cell(d.Name), cell(f.Rule), cell(string(f.Severity)), cell(f.Title), cell(f.Observed), cell(f.Expected), yesNo(f.Escalate))
		}
		if d.Error != "" {
			g.addError(findingsTitle, cell(d.Name), "-", "error", errorCell(d.Error), "", "", "")
		} else if d.Status() == StatusUnassessed {
			g.addError(findingsTitle, cell(d.Name), "-", "unassessed", errorCell(d.Reason()), "", "", "")
		}
	}
	if len(g.rows) == 0 {
		return nil
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	t := newTable(w)
	g.render(t, opts.Width)
	t.Render()
	return nil
}

func newTable(w io.Writer) table.Writer {
	t := table.NewWriter()
	t.SetOutputMirror(w)
	t.SetStyle(table.StyleLight)
	return t
}

// rommonVersions is every distinct boot-firmware version, whatever channel
// reported it, in order of appearance: what is compared with approved lists
// and across snapshots (the channel annotation of rommonCell is for people).
func rommonVersions(cs []facts.Component) []string {
	var vs []string
	for _, c := range cs {
		if c.Version != "" && !slices.Contains(vs, c.Version) {
			vs = append(vs, c.Version)
		}
	}
	return vs
}

// rommonCell shows the boot-firmware versions and, when more than one
// channel reported them, which channel said what: "17.3(1r) cli+snmp" when
// they agree, "cli 17.3(1r) / snmp 17.2(1r)" when they do not.
func rommonCell(cs []facts.Component) string {
	var sources []facts.Source
	bySource := map[facts.Source][]string{}
	for _, c := range cs {
		vs, ok := bySource[c.Source]
		if !ok {
			sources = append(sources, c.Source)
		}
		if !slices.Contains(vs, c.Version) {
			bySource[c.Source] = append(vs, c.Version)
		}
	}
	if len(sources) == 0 {
		return ""
	}
	first := strings.Join(bySource[sources[0]], ", ")
	if len(sources) == 1 {
		return first
	}
	agree := true
	names := make([]string, len(sources))
	parts := make([]string, len(sources))
	for i, src := range sources {
		vs := strings.Join(bySource[src], ", ")
		agree = agree && slices.Equal(slices.Sorted(slices.Values(bySource[src])), slices.Sorted(slices.Values(bySource[sources[0]])))
		names[i], parts[i] = string(src), string(src)+" "+vs
	}
	if agree {
		return first + " " + strings.Join(names, "+")
	}
	return strings.Join(parts, " / ")
}

func findingIDs(d Device) string {
	ids := make([]string, 0, len(d.Findings))
	for _, f := range d.Findings {
		ids = append(ids, f.Rule)
	}
	return strings.Join(ids, " ")
}

func statusCell(d Device) string {
	s := string(d.Status())
	if d.Escalated() {
		s += " (escalate)"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
