package store

import (
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/facts"
)

// ROMText is "R0=17.9.1r[FC2] (cli)", one entry per component, sorted.
func ROMText(f facts.Facts) string {
	parts := make([]string, 0, len(f.ROMMON))
	for _, c := range f.ROMMON {
		parts = append(parts, fmt.Sprintf("%s=%s (%s)", c.Name, c.Version, c.Source))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

// RulesText is the sorted, distinct rule IDs of a snapshot's findings.
func RulesText(s Snapshot) string {
	ids := make([]string, 0, len(s.Findings))
	for _, f := range s.Findings {
		ids = append(ids, f.Rule)
	}
	slices.Sort(ids)
	return strings.Join(slices.Compact(ids), ",")
}
