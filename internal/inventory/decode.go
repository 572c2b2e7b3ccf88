package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"gopkg.in/yaml.v3"

	"fwaudit/internal/textsafe"
	"fwaudit/internal/yamlerr"
)

// pos is where a value was written.
type pos struct {
	file string
	line int
}

// entry is one decoded key; nested keys are dotted ("snmp.version").
type entry struct {
	v any // nil when the value was invalid (already reported)
	pos
}

func (e entry) str() string { s, _ := e.v.(string); return s }

// layer is one set of settings: defaults, a group, a device or a credential.
type layer map[string]entry

// named is a group or a credential entry.
type named struct {
	layer layer
	pos   pos
}

type rawDevice struct {
	name  string
	layer layer
	pos   pos
	// unusable is why a device from a foreign source cannot be audited
	// (no address, unknown platform, bad name); its layer is then empty.
	unusable string
}

// fileDoc is one decoded inventory file.
type fileDoc struct {
	file        string
	defaults    layer
	groups      map[string]named
	credentials map[string]named
	devices     []rawDevice
}

// decoder decodes one file, adding problems to errs.
type decoder struct {
	file      string
	platforms []string
	errs      *errList
}

// decodeFile parses data (the content of d.file).
func (d *decoder) decodeFile(data []byte) fileDoc {
	doc := fileDoc{file: d.file, defaults: layer{}, groups: map[string]named{}, credentials: map[string]named{}}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if !errors.Is(err, io.EOF) {
			d.yamlError(data, err)
		}
		return doc
	}
	if err := dec.Decode(new(yaml.Node)); !errors.Is(err, io.EOF) {
		d.errs.add(pos{d.file, 0}, subject{}, "", "only one YAML document per file is supported")
		return doc
	}
	if d.duplicateKeys(&root) {
		return doc // a later list or map would silently replace an earlier one
	}
	top := deref(root.Content[0])
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return doc
	}
	if !d.isMap(top, subject{section: "top level"}, "") {
		return doc
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], deref(top.Content[i+1])
		switch k.Value {
		case "defaults":
			s := subject{section: "defaults"}
			if d.isMap(v, s, "") {
				d.decodeLayer(v, s, layerKeys, "", doc.defaults)
			}
		case "groups":
			d.decodeNamed(v, "group", layerKeys, doc.groups)
		case "credentials":
			d.decodeNamed(v, "credentials", credentialKeys, doc.credentials)
		case "devices":
			doc.devices = d.decodeDevices(v)
		default:
			d.errs.add(pos{d.file, k.Line}, subject{}, "", "unknown top-level key %s (allowed: credentials, defaults, devices, groups)", quote(k.Value))
		}
	}
	return doc
}

// duplicateKeys reports every key written twice in one map, anywhere in
// the document, naming both lines: YAML decoders keep the last one, so a
// second devices: list would drop the first list's devices unseen.
func (d *decoder) duplicateKeys(n *yaml.Node) bool {
	found := false
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			first := map[string]int{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode || k.Value == "<<" {
					continue
				}
				if line, ok := first[k.Value]; ok {
					d.errs.add(pos{d.file, k.Line}, subject{}, "", "key %s written twice in one map (first at line %d): YAML would keep only the last", quote(k.Value), line)
					found = true
					continue
				}
				first[k.Value] = k.Line
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return found
}

// yamlError reports a syntax error at the line of its problem (yaml.v3
// names the line its enclosing block began at).
func (d *decoder) yamlError(data []byte, err error) {
	msg, line := err.Error(), 0
	var se *yamlerr.SyntaxError
	if errors.As(yamlerr.Locate(data, err), &se) {
		msg, line = "yaml: "+se.Msg, se.Line
	}
	d.errs.add(pos{d.file, line}, subject{}, "", "%s", textsafe.Clean(msg, 200))
}

func (d *decoder) isMap(n *yaml.Node, s subject, field string) bool {
	if n.Kind == yaml.MappingNode {
		return true
	}
	d.errs.add(pos{d.file, n.Line}, s, field, "must be a map of key: value, not a %s", kindName(n))
	return false
}

// decodeLayer decodes the keys of mapping n into out, prefixing their names.
func (d *decoder) decodeLayer(n *yaml.Node, s subject, keys map[string]keyParser, prefix string, out layer) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		p := pos{d.file, k.Line}
		parse, ok := keys[k.Value]
		if !ok {
			field := prefix
			if field != "" {
				field = field[:len(field)-1]
			}
			d.errs.add(p, s, field, "unknown key %s (allowed: %s)", quote(k.Value), keyNames(keys))
			continue
		}
		name := prefix + k.Value
		if parse == nil { // nested map
			if !d.isMap(v, s, name) {
				continue
			}
			nested := map[string]map[string]keyParser{"ssh": sshKeys, "snmp": snmpKeys}[k.Value]
			d.decodeLayer(v, s, nested, name+".", out)
			out[name] = entry{v: true, pos: p}
			continue
		}
		val, msg := parse(d, v)
		if msg != "" {
			d.errs.add(pos{d.file, v.Line}, s, name, "%s", msg)
			out[name] = entry{pos: p} // present but invalid: no "required" error later
			continue
		}
		out[name] = entry{v: val, pos: p}
	}
}

// decodeNamed decodes a map of named layers (groups:, credentials:).
func (d *decoder) decodeNamed(n *yaml.Node, kind string, keys map[string]keyParser, out map[string]named) {
	if !d.isMap(n, subject{section: kind}, "") {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		s := subject{section: kind + " " + quote(k.Value)}
		if !safe(k.Value) || k.Value == "" {
			d.errs.add(pos{d.file, k.Line}, s, "", "invalid name")
			continue
		}
		l := layer{}
		if d.isMap(v, s, "") {
			d.decodeLayer(v, s, keys, "", l)
		}
		out[k.Value] = named{layer: l, pos: pos{d.file, k.Line}}
	}
}

func (d *decoder) decodeDevices(n *yaml.Node) []rawDevice {
	if n.Kind != yaml.SequenceNode {
		d.errs.add(pos{d.file, n.Line}, subject{section: "devices"}, "", "must be a list of devices, not a %s", kindName(n))
		return nil
	}
	var out []rawDevice
	for i, c := range n.Content {
		c = deref(c)
		s := subject{section: fmt.Sprintf("devices[%d]", i)}
		if !d.isMap(c, s, "") {
			continue
		}
		name, hasName := "", false
		for j := 0; j+1 < len(c.Content); j += 2 {
			if c.Content[j].Value == "name" {
				hasName = true
				if v, msg := parseName(d, deref(c.Content[j+1])); msg == "" {
					name = v.(string)
					s = subject{device: name}
				}
			}
		}
		l := layer{}
		d.decodeLayer(c, s, deviceKeys, "", l)
		if name == "" {
			if !hasName {
				d.errs.add(pos{d.file, c.Line}, s, "name", "required")
			}
			continue
		}
		out = append(out, rawDevice{name: name, layer: l, pos: pos{d.file, c.Line}})
	}
	return out
}

// deref follows YAML aliases.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}
