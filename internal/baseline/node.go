package baseline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"fwaudit/internal/yamlerr"
)

// decoder reads the yaml.Node tree of one file and reports problems with the
// file, line and field they are at.
type decoder struct {
	file      string
	platforms []string // accepted platform: values, sorted; nil for change files
	errs      *errList
}

func (d *decoder) add(n *yaml.Node, field, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Column
	}
	d.errs.add(d.file, line, col, field, format, args...)
}

// root parses data and returns its top-level node, or nil when the file is
// empty or cannot be parsed (the problem is reported).
func (d *decoder) root(data []byte) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			// At the line of the problem, not of its enclosing block.
			msg, line := err.Error(), 0
			var se *yamlerr.SyntaxError
			if errors.As(yamlerr.Locate(data, err), &se) {
				msg, line = "yaml: "+se.Msg, se.Line
			}
			d.errs.add(d.file, line, 0, "", "%s", msg)
		}
		return nil
	}
	if err := dec.Decode(new(yaml.Node)); !errors.Is(err, io.EOF) {
		d.errs.add(d.file, 0, 0, "", "only one YAML document per file is supported")
		return nil
	}
	top := deref(doc.Content[0])
	if isNull(top) {
		return nil
	}
	return top
}

// field is one key: value of a mapping.
type field struct{ key, val *yaml.Node }

// fields returns the keys of mapping n by name, reporting unknown and
// duplicate keys. It returns nil when n is not a mapping.
func (d *decoder) fields(n *yaml.Node, path string, allowed ...string) map[string]field {
	if n.Kind != yaml.MappingNode {
		d.add(n, path, "want a map of key: value, got %s", kindName(n))
		return nil
	}
	out := map[string]field{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		name := k.Value
		switch {
		case !slices.Contains(allowed, name):
			d.add(k, path, "unknown key %s (allowed: %s)", quote(name), strings.Join(allowed, ", "))
		case out[name].key != nil:
			d.add(k, join(path, name), "duplicate key (first at line %d)", out[name].key.Line)
		default:
			out[name] = field{k, v}
		}
	}
	return out
}

// str returns the scalar value of a field; a missing or empty value is
// reported as required.
func (d *decoder) str(parent *yaml.Node, f field, path string) (string, bool) {
	if f.val == nil {
		d.add(parent, path, "required")
		return "", false
	}
	if f.val.Kind != yaml.ScalarNode {
		d.add(f.val, path, "want a single value, got %s", kindName(f.val))
		return "", false
	}
	s := strings.TrimSpace(f.val.Value)
	if isNull(f.val) || s == "" {
		d.add(f.val, path, "required, must not be empty")
		return "", false
	}
	return s, true
}

// seq returns the items of a list field; a scalar or map is reported.
func (d *decoder) seq(n *yaml.Node, path string) ([]*yaml.Node, bool) {
	if isNull(n) {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		d.add(n, path, "want a list, got %s", kindName(n))
		return nil, false
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = deref(c)
	}
	return out, true
}

// item is one valid scalar of a list, with its node and index.
type item struct {
	s    string
	node *yaml.Node
	path string
}

// items returns the non-empty scalars of a list; bad items are reported.
func (d *decoder) items(n *yaml.Node, path string) []item {
	nodes, _ := d.seq(n, path)
	var out []item
	for i, it := range nodes {
		p := fmt.Sprintf("%s[%d]", path, i)
		if s, ok := d.str(n, field{val: it}, p); ok {
			out = append(out, item{s, it, p})
		}
	}
	return out
}

// strs returns the non-empty scalars of a list; bad items are reported.
func (d *decoder) strs(n *yaml.Node, path string) []string {
	var out []string
	for _, it := range d.items(n, path) {
		out = append(out, it.s)
	}
	return out
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return "a single value"
	}
	return "something else"
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
