package baseline

import (
	"path"
	"slices"
)

// Unmatched is one selector of a change record that selects no device: a
// typo there leaves the change uncovered, so its findings look unplanned.
type Unmatched struct {
	Change   string // the change record's id
	Selector string // "device=lon-wan-*", "site=lon" or "role=core"
	File     string
	Line     int // the change record's line
}

// Unmatched returns, in file order, every device name or glob, site and
// role of c's records that selects none of targets (the whole inventory,
// not only the devices being audited). A nil c gives nil.
func (c *Changes) Unmatched(targets []Target) []Unmatched {
	if c == nil {
		return nil
	}
	var out []Unmatched
	for _, ch := range c.Changes {
		add := func(kind, v string) {
			out = append(out, Unmatched{Change: ch.ID, Selector: kind + "=" + v, File: ch.File, Line: ch.Line})
		}
		for _, g := range ch.Devices {
			if !slices.ContainsFunc(targets, func(t Target) bool { ok, _ := path.Match(g, t.Name); return ok }) {
				add("device", g)
			}
		}
		for _, s := range ch.Sites {
			if !slices.ContainsFunc(targets, func(t Target) bool { return t.Site == s }) {
				add("site", s)
			}
		}
		for _, r := range ch.Roles {
			if !slices.ContainsFunc(targets, func(t Target) bool { return t.Role == r }) {
				add("role", r)
			}
		}
	}
	return out
}
