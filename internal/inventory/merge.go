package inventory

import (
	"fmt"
	"maps"
	"slices"
)

// merged is the union of all files.
type merged struct {
	defaults    layer
	groups      map[string]named
	credentials map[string]named
	devices     []rawDevice
}

// merge unions the files. The same defaults key, group, credential or device
// name defined twice is an error naming both places.
func merge(docs []fileDoc, errs *errList) merged {
	m := merged{defaults: layer{}, groups: map[string]named{}, credentials: map[string]named{}}
	for _, doc := range docs {
		for _, k := range slices.Sorted(maps.Keys(doc.defaults)) {
			e := doc.defaults[k]
			if prev, dup := m.defaults[k]; dup && k != "ssh" && k != "snmp" {
				errs.add(e.pos, subject{section: "defaults"}, k, "also set at %s", where(prev.pos))
				continue
			}
			m.defaults[k] = e
		}
		mergeNamed(m.groups, doc.groups, "group", errs)
		mergeNamed(m.credentials, doc.credentials, "credentials", errs)
	}
	first := map[string]pos{}
	for _, doc := range docs {
		for _, d := range doc.devices {
			if p, dup := first[d.name]; dup {
				errs.add(d.pos, subject{device: d.name}, "name", "duplicate; first defined at %s", where(p))
				continue
			}
			first[d.name] = d.pos
			m.devices = append(m.devices, d)
		}
	}
	return m
}

func mergeNamed(dst, src map[string]named, kind string, errs *errList) {
	for _, name := range slices.Sorted(maps.Keys(src)) {
		n := src[name]
		if prev, dup := dst[name]; dup {
			errs.add(n.pos, subject{section: kind + " " + quote(name)}, "", "also defined at %s", where(prev.pos))
			continue
		}
		dst[name] = n
	}
}

func where(p pos) string { return fmt.Sprintf("%s:%d", p.file, p.line) }

// overlay copies src over dst: later layers win, key by key, so nested
// ssh.* and snmp.* merge field by field.
func overlay(dst, src layer) { maps.Copy(dst, src) }

func get[T any](l layer, key string) (T, entry, bool) {
	e, ok := l[key]
	if !ok {
		var zero T
		return zero, e, false
	}
	v, _ := e.v.(T) // zero when the value was invalid
	return v, e, true
}
