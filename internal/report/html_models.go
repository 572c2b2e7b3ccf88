package report

import (
	"cmp"
	"slices"
	"strings"

	"fwaudit/internal/audit"
)

type auditFinding = audit.Finding

// htmlModel is one baseline model entry (or one model with no baseline)
// with the ROMMON versions the fleet runs against the approved ones.
type htmlModel struct {
	Platform, Pattern, Approved string
	NoBaseline                  bool
	Versions                    []htmlVersion
}

type htmlVersion struct {
	Version  string
	Approved bool
	Devices  string
	Count    int
}

func htmlModels(r Run) []htmlModel {
	type group struct {
		key      ModelKey
		noBase   bool
		versions map[string][]string // version -> devices
	}
	groups := map[ModelKey]*group{}
	get := func(k ModelKey, noBase bool) *group {
		g, ok := groups[k]
		if !ok {
			g = &group{key: k, noBase: noBase, versions: map[string][]string{}}
			groups[k] = g
		}
		return g
	}
	for k := range r.Approved {
		get(k, false)
	}
	for _, d := range r.Devices {
		if d.Error != "" && len(d.Facts.ROMMON) == 0 {
			continue
		}
		k, noBase := ModelKey{Platform: d.Platform, Pattern: d.Baseline}, d.Baseline == ""
		if noBase {
			k.Pattern = d.Facts.Model
		}
		g := get(k, noBase)
		for _, v := range rommonVersions(d.Facts.ROMMON) {
			g.versions[v] = append(g.versions[v], d.Name)
		}
	}
	var out []htmlModel
	for _, g := range groups {
		approved := r.Approved[g.key]
		m := htmlModel{Platform: clean(g.key.Platform), Pattern: clean(g.key.Pattern), NoBaseline: g.noBase,
			Approved: clean(strings.Join(approved, ", "))}
		for v, devs := range g.versions {
			m.Versions = append(m.Versions, htmlVersion{Version: clean(v), Approved: !g.noBase && slices.Contains(approved, v),
				Devices: textsafe300(strings.Join(devs, ", ")), Count: len(devs)})
		}
		slices.SortFunc(m.Versions, func(a, b htmlVersion) int { return cmp.Compare(a.Version, b.Version) })
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b htmlModel) int {
		return cmp.Or(cmp.Compare(a.Platform, b.Platform), cmp.Compare(a.Pattern, b.Pattern))
	})
	return out
}

func textsafe300(s string) string { return clean(s) }
