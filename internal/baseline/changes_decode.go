package baseline

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

func (d *decoder) decodeChanges(data []byte) []Change {
	top := d.root(data)
	if top == nil {
		return nil
	}
	f := d.fields(top, "", "changes")
	if f == nil || f["changes"].val == nil {
		return nil
	}
	items, _ := d.seq(f["changes"].val, "changes")
	var out []Change
	ids := map[string]int{}
	for i, it := range items {
		p := fmt.Sprintf("changes[%d]", i)
		if ch, ok := d.decodeChange(it, p, ids); ok {
			out = append(out, ch)
		}
	}
	return out
}

// decodeChange decodes one window; ids holds the line of every id seen.
func (d *decoder) decodeChange(n *yaml.Node, p string, ids map[string]int) (Change, bool) {
	f := d.fields(n, p, "id", "description", "start", "end", "devices", "sites", "roles", "allow")
	if f == nil {
		return Change{}, false
	}
	ch := Change{File: d.file, Line: n.Line}
	ch.ID, _ = d.str(n, f["id"], p+".id")
	if line, dup := ids[ch.ID]; dup && ch.ID != "" {
		d.add(f["id"].val, p+".id", "duplicate id %s (first at line %d)", quote(ch.ID), line)
	} else if ch.ID != "" {
		ids[ch.ID] = f["id"].val.Line
	}
	if f["description"].val != nil {
		ch.Description, _ = d.str(n, f["description"], p+".description")
	}
	start, okS := d.time(n, f["start"], p+".start")
	end, okE := d.time(n, f["end"], p+".end")
	ch.Start, ch.End = start, end
	if okS && okE && !start.Before(end) {
		d.add(f["end"].val, p+".end", "must be after start (%s)", start.Format(time.RFC3339))
	}
	for _, it := range d.items(f["devices"].val, p+".devices") {
		if _, err := path.Match(it.s, ""); err != nil {
			d.add(it.node, it.path, "invalid glob %s: %v", quote(it.s), err)
			continue
		}
		ch.Devices = append(ch.Devices, it.s)
	}
	ch.Sites, ch.Roles = d.selectors(f, p, "sites"), d.selectors(f, p, "roles")
	if len(ch.Devices)+len(ch.Sites)+len(ch.Roles) == 0 && !d.hasErrorAt(p+".devices") {
		d.add(n, p+".devices", "required: at least one device name or glob (or sites:, roles:)")
	}
	for _, it := range d.items(f["allow"].val, p+".allow") {
		if !slices.Contains(Kinds, it.s) {
			d.add(it.node, it.path, "unknown kind %s (allowed: %s)", quote(it.s), strings.Join(Kinds, ", "))
			continue
		}
		ch.Allow = append(ch.Allow, it.s)
	}
	if len(ch.Allow) == 0 && !d.hasErrorAt(p+".allow") {
		d.add(n, p+".allow", "required: at least one of %s", strings.Join(Kinds, ", "))
	}
	return ch, true
}

// time parses an RFC 3339 timestamp with a zone.
func (d *decoder) time(parent *yaml.Node, f field, p string) (time.Time, bool) {
	s, ok := d.str(parent, f, p)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		d.add(f.val, p, "want an RFC 3339 time like 2026-11-25T08:00:00Z, got %s", quote(s))
		return time.Time{}, false
	}
	return t, true
}
