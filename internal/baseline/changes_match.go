package baseline

import (
	"slices"
	"time"
)

// selectors decodes an optional list of site or role names.
func (d *decoder) selectors(f map[string]field, p, key string) []string {
	if f[key].val == nil {
		return nil
	}
	return d.strs(f[key].val, p+"."+key)
}

// Target is what a window matches a device on: its name, site and role
// from the inventory.
type Target struct {
	Name, Site, Role string
}

// WithInventory returns a copy of c in which windows that name sites or
// roles cover the targets in those sites or roles. Covering and
// Overlapping only know device names, so bind the inventory once after
// loading. A nil c gives nil.
func (c *Changes) WithInventory(targets []Target) *Changes {
	if c == nil {
		return nil
	}
	out := &Changes{File: c.File, Changes: slices.Clone(c.Changes)}
	for i, ch := range out.Changes {
		if len(ch.Sites) == 0 && len(ch.Roles) == 0 {
			continue
		}
		members := map[string]bool{}
		for _, t := range targets {
			if (t.Site != "" && slices.Contains(ch.Sites, t.Site)) || (t.Role != "" && slices.Contains(ch.Roles, t.Role)) {
				members[t.Name] = true
			}
		}
		out.Changes[i].members = members
	}
	return out
}

// Overlapping returns the first window (in file order) that names device,
// allows kind and is open at some moment of [from, to]: a change seen
// between two snapshots happened somewhere in that interval. A nil
// *Changes covers nothing.
func (c *Changes) Overlapping(device, kind string, from, to time.Time) (Change, bool) {
	if c == nil {
		return Change{}, false
	}
	for _, ch := range c.Changes {
		if !slices.Contains(ch.Allow, kind) || !ch.names(device) {
			continue
		}
		if !ch.Start.After(to) && ch.End.After(from) {
			return ch, true
		}
	}
	return Change{}, false
}

// Only returns the windows with id (verify-change checks one change
// record); ok is false when there is none.
func (c *Changes) Only(id string) (*Changes, bool) {
	if c == nil {
		return nil, false
	}
	out := &Changes{File: c.File}
	for _, ch := range c.Changes {
		if ch.ID == id {
			out.Changes = append(out.Changes, ch)
		}
	}
	return out, len(out.Changes) > 0
}

// Names reports whether the window's device list names device.
func (ch Change) Names(device string) bool { return ch.names(device) }
