package report

import (
	"encoding/csv"
	"io"
	"strings"

	"fwaudit/internal/textsafe"
)

// csvHeader is the column order of -o csv: one row per finding, one per
// device error, and one per clean device (empty rule), so the file lists
// the whole fleet.
var csvHeader = []string{"device", "address", "platform", "model", "site", "role", "status",
	"rule", "severity", "title", "observed", "expected", "evidence", "escalate", "escalation_reason"}

// RenderCSV writes the run as CSV for spreadsheets. Every cell is cleaned
// and cells that a spreadsheet would run as a formula are neutralized.
func RenderCSV(w io.Writer, r Run) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, d := range r.Devices {
		base := []string{d.Name, d.Address, d.Platform, d.Facts.Model, d.Site, d.Role, string(d.Status())}
		rows := 0
		for _, x := range d.Findings {
			rows++
			if err := writeCSVRow(cw, append(base, x.Rule, string(x.Severity), x.Title, x.Observed, x.Expected,
				x.Evidence, yesNo(x.Escalate), x.EscalationReason)); err != nil {
				return err
			}
		}
		if d.Error != "" {
			rows++
			if err := writeCSVRow(cw, append(base, "", "error", d.Error, "", "", "", "", "")); err != nil {
				return err
			}
		} else if d.Status() == StatusUnassessed {
			rows++
			if err := writeCSVRow(cw, append(base, "", "unassessed", d.Reason(), "", "", "", "", "")); err != nil {
				return err
			}
		}
		if rows == 0 {
			if err := writeCSVRow(cw, append(base, "", "", "", "", "", "", "", "")); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeCSVRow(cw *csv.Writer, cells []string) error {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = csvCell(c)
	}
	return cw.Write(out)
}

// csvCell cleans a cell and defuses formula injection (OWASP): a cell
// starting with = + - @ (or tab / CR, which some spreadsheets skip) gets a
// leading apostrophe so it is read as text.
func csvCell(s string) string {
	s = textsafe.Clean(s, 4000)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
