package report

import (
	"cmp"
	"slices"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

// deviceFinding is one finding with its device, for fleet-wide lists.
type deviceFinding struct {
	Device  Device
	Finding audit.Finding
}

// sortedFindings lists every finding of the run, worst severity first,
// then by device and rule.
func sortedFindings(r Run) []deviceFinding {
	var out []deviceFinding
	for _, d := range r.Devices {
		for _, x := range d.Findings {
			out = append(out, deviceFinding{d, x})
		}
	}
	slices.SortStableFunc(out, func(a, b deviceFinding) int {
		return cmp.Or(cmp.Compare(b.Finding.Severity.Rank(), a.Finding.Severity.Rank()),
			cmp.Compare(a.Device.Name, b.Device.Name), cmp.Compare(a.Finding.Rule, b.Finding.Rule))
	})
	return out
}

func baseName(p string) string { return facts.BaseName(p) }
