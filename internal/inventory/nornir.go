package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"gopkg.in/yaml.v3"

	"fwaudit/internal/yamlerr"
)

// nornirEntry is one host, group or the defaults of Nornir's
// SimpleInventory: attributes and data, with where each was written.
type nornirEntry struct {
	file   string
	line   int
	attrs  map[string]fval // hostname, port, platform, username, password
	data   map[string]fval // data: site, role, fwaudit_platform
	groups []string
	// secrets are connection_options.*.password / extras.secret fields.
	secrets []fval
}

// nornirFile returns dir/NAME.yaml or dir/NAME.yml if it exists, else "".
func nornirFile(dir, name string) string {
	for _, ext := range []string{".yaml", ".yml"} {
		p := filepath.Join(dir, name+ext)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// readNornir reads hosts.yaml, groups.yaml and defaults.yaml of Nornir's
// SimpleInventory from the folder s.loc (or the folder of hosts.yaml).
func readNornir(s sourceSpec, errs *errList) ([]foreignHost, error) {
	if err := checkParams(s); err != nil {
		return nil, err
	}
	dir := s.loc
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		dir = filepath.Dir(dir)
	}
	hostsFile := nornirFile(dir, "hosts")
	if hostsFile == "" {
		return nil, fmt.Errorf("no hosts.yaml in %s", quote(dir))
	}
	hosts, order, err := readNornirFile(hostsFile)
	if err != nil {
		return nil, err
	}
	groups := map[string]nornirEntry{}
	if f := nornirFile(dir, "groups"); f != "" {
		if groups, _, err = readNornirFile(f); err != nil {
			return nil, err
		}
	}
	var defaults nornirEntry
	if f := nornirFile(dir, "defaults"); f != "" {
		data, err := readFile(f)
		if err != nil {
			return nil, err
		}
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			return nil, fmt.Errorf("%s: yaml: %w", f, yamlerr.Locate(data, err))
		}
		if len(n.Content) > 0 {
			defaults = nornirDecode(f, deref(n.Content[0]))
		}
	}
	pm, err := s.platformMap()
	if err != nil {
		return nil, err
	}
	out := make([]foreignHost, 0, len(order))
	for _, name := range order {
		out = append(out, nornirHost(name, hosts[name], groups, defaults, pm, errs))
	}
	return out, nil
}

func readNornirFile(file string) (map[string]nornirEntry, []string, error) {
	data, err := readFile(file)
	if err != nil {
		return nil, nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, nil, fmt.Errorf("%s: yaml: %w", file, yamlerr.Locate(data, err))
	}
	out := map[string]nornirEntry{}
	var order []string
	if len(root.Content) == 0 {
		return out, nil, nil
	}
	top := deref(root.Content[0])
	if top.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("%s: top level must be a map of names", file)
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		e := nornirDecode(file, deref(top.Content[i+1]))
		e.line = top.Content[i].Line
		out[top.Content[i].Value] = e
		order = append(order, top.Content[i].Value)
	}
	return out, order, nil
}

func nornirDecode(file string, n *yaml.Node) nornirEntry {
	e := nornirEntry{file: file, line: n.Line, attrs: map[string]fval{}, data: map[string]fval{}}
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		switch k.Value {
		case "data":
			e.data = yamlVars(v)
		case "groups":
			for _, c := range v.Content {
				if s, ok := scalarString(c); ok {
					e.groups = append(e.groups, s)
				}
			}
		case "connection_options":
			for j := 0; v.Kind == yaml.MappingNode && j+1 < len(v.Content); j += 2 {
				opt := deref(v.Content[j+1])
				if f, ok := yamlVars(opt)["password"]; ok {
					f.field = "connection_options." + v.Content[j].Value + ".password"
					e.secrets = append(e.secrets, f)
				}
				if f, ok := yamlVars(deref(nodeAt(opt, "extras")))["secret"]; ok {
					f.field = "connection_options." + v.Content[j].Value + ".extras.secret"
					e.secrets = append(e.secrets, f)
				}
			}
		default:
			if s, ok := scalarString(v); ok {
				e.attrs[k.Value] = fval{v: s, field: k.Value, line: k.Line}
			}
		}
	}
	for _, m := range []map[string]fval{e.attrs, e.data} {
		for k, v := range m {
			v.file = file
			m[k] = v
		}
	}
	for i := range e.secrets {
		e.secrets[i].file = file
	}
	return e
}

func nodeAt(n *yaml.Node, key string) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return &yaml.Node{}
}

// nornirHost resolves a host as Nornir does: the host, then its groups
// depth first (a group before its parents), then defaults.
func nornirHost(name string, h nornirEntry, groups map[string]nornirEntry, def nornirEntry, pm map[string]string, errs *errList) foreignHost {
	chain := []nornirEntry{h}
	var names []string
	var walk func([]string, pos)
	walk = func(gs []string, p pos) {
		for _, g := range gs {
			if slices.Contains(names, g) {
				continue
			}
			e, ok := groups[g]
			if !ok {
				errs.add(p, subject{device: name}, "groups", "unknown Nornir group %s", quote(g))
				continue
			}
			names = append(names, g)
			chain = append(chain, e)
			walk(e.groups, pos{e.file, e.line})
		}
	}
	walk(h.groups, pos{h.file, h.line})
	chain = append(chain, def)
	attr := func(key string) fval {
		for _, e := range chain {
			if v, ok := e.attrs[key]; ok {
				return v
			}
		}
		return fval{field: key}
	}
	data := func(key string) fval {
		for _, e := range chain {
			if v, ok := e.data[key]; ok {
				v.field = "data." + key
				return v
			}
		}
		return fval{field: "data." + key}
	}
	f := foreignHost{file: h.file, line: h.line, section: "host " + quote(name),
		name: fval{v: name, field: "name", line: h.line}, address: attr("hostname"), port: attr("port"),
		site: data("site"), role: data("role"), groups: names,
		username: attr("username"), password: attr("password")}
	if !f.address.set() {
		f.address = fval{v: name, field: "name", line: h.line} // Nornir connects to the name
	}
	if p := data("fwaudit_platform"); p.set() {
		f.platform = p
	} else if p := attr("platform"); p.set() {
		p.v = mapPlatform(pm, p.v)
		f.platform = p
	}
	for _, e := range chain {
		f.secretFields = append(f.secretFields, e.secrets...)
	}
	return f
}
