package pipeline

import (
	"cmp"
	"slices"
	"strings"

	"fwaudit/internal/inventory"
	"fwaudit/internal/report"
)

// DefaultRelatedMax caps --related: past it the related devices are a
// fleet sweep, and the subject device is lost in it.
const DefaultRelatedMax = 20

// Weights of what a related device shares with a subject: shared
// credentials mean a stolen password opens it too, a shared site the same
// management network and neighbours, a shared role the same exposure.
var relatedWeights = []struct {
	what   string
	weight int
	of     func(inventory.Device) string
}{
	{"credentials", 4, func(d inventory.Device) string { return d.Credentials.Name }},
	{"site", 2, func(d inventory.Device) string { return d.Site }},
	{"role", 1, func(d inventory.Device) string { return d.Role }},
}

type relatedDevice struct {
	dev     inventory.Device
	score   int
	reasons []string
}

// withRelated returns the subjects first, then the inventory devices that
// share credentials, a site or a role with one of them, the most related
// first (ties in inventory order), at most max of them; and why each was
// picked. The model is only known after the audit: enrich adds it.
func withRelated(inv *inventory.Inventory, subjects []inventory.Device, max int) ([]inventory.Device, *Related, error) {
	if max <= 0 {
		max = DefaultRelatedMax
	}
	isSubject := map[string]bool{}
	for _, s := range subjects {
		isSubject[s.Name] = true
	}
	var cands []relatedDevice
	for _, d := range inv.Devices {
		if isSubject[d.Name] {
			continue
		}
		r := relatedDevice{dev: d}
		for _, w := range relatedWeights {
			v := w.of(d)
			if v == "" {
				continue
			}
			if slices.ContainsFunc(subjects, func(s inventory.Device) bool { return w.of(s) == v }) {
				r.score += w.weight
				r.reasons = append(r.reasons, w.what+" "+v)
			}
		}
		if r.score > 0 {
			cands = append(cands, r)
		}
	}
	slices.SortStableFunc(cands, func(a, b relatedDevice) int { return cmp.Compare(b.score, a.score) })
	names := make([]string, len(subjects))
	for i, s := range subjects {
		names[i] = s.Name
	}
	out := append([]inventory.Device(nil), subjects...)
	rel := &Related{Why: map[string]string{}, Max: max}
	for i, c := range cands {
		if i == max {
			rel.Omitted = len(cands) - max
			break
		}
		out = append(out, c.dev)
		rel.Why[c.dev.Name] = "related to " + strings.Join(names, ", ") + ": shares " + strings.Join(c.reasons, ", ")
	}
	return out, rel, nil
}

// Related says why each related device was picked, and how many more
// were left out by the cap.
type Related struct {
	Why     map[string]string
	Omitted int
	Max     int
}

// markRelated sets each related device's reason, adding a shared model
// now that the audit knows it.
func markRelated(run *report.Run, rel *Related) {
	if rel == nil {
		return
	}
	why := rel.Why
	if len(why) == 0 {
		return
	}
	models := map[string]bool{}
	for _, d := range run.Devices {
		if _, related := why[d.Name]; !related && d.Facts.Model != "" {
			models[d.Facts.Model] = true
		}
	}
	for i := range run.Devices {
		d := &run.Devices[i]
		r, ok := why[d.Name]
		if !ok {
			continue
		}
		if models[d.Facts.Model] {
			r += ", model " + d.Facts.Model
		}
		d.Related = r
	}
}
