package inventory

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"fwaudit/internal/yamlerr"
)

// ansibleInv is an Ansible inventory (YAML or INI) before resolution.
type ansibleInv struct {
	file   string
	groups map[string]*ansibleGroup
	hosts  map[string]*ansibleHost
	order  []string // host names in first-seen order
}

type ansibleGroup struct {
	name     string
	vars     map[string]fval
	dirVars  map[string]fval // group_vars/NAME (ansible_vars.go)
	children []string
}

type ansibleHost struct {
	name    string
	line    int
	vars    map[string]fval
	dirVars map[string]fval // host_vars/NAME (ansible_vars.go)
	groups  []string        // groups that list the host directly
}

func newAnsibleInv(file string) *ansibleInv {
	return &ansibleInv{file: file, groups: map[string]*ansibleGroup{}, hosts: map[string]*ansibleHost{}}
}

func (a *ansibleInv) group(name string) *ansibleGroup {
	g, ok := a.groups[name]
	if !ok {
		g = &ansibleGroup{name: name, vars: map[string]fval{}}
		a.groups[name] = g
	}
	return g
}

// host records that group lists host at line, with host vars.
func (a *ansibleInv) host(name, group string, line int, vars map[string]fval) {
	h, ok := a.hosts[name]
	if !ok {
		h = &ansibleHost{name: name, line: line, vars: map[string]fval{}}
		a.hosts[name] = h
		a.order = append(a.order, name)
	}
	if !slices.Contains(h.groups, group) {
		h.groups = append(h.groups, group)
	}
	for k, v := range vars {
		h.vars[k] = v
	}
}

// readAnsible reads an Ansible inventory in INI or YAML format.
func readAnsible(s sourceSpec, getenv func(string) (string, bool), errs *errList) ([]foreignHost, error) {
	if err := checkParams(s); err != nil {
		return nil, err
	}
	data, err := readFile(s.loc)
	if err != nil {
		return nil, err
	}
	var a *ansibleInv
	if looksLikeAnsibleINI(s.loc, data) {
		a = parseAnsibleINI(s.loc, data, errs)
	} else if a, err = parseAnsibleYAML(s.loc, data); err != nil {
		return nil, err
	}
	if err := a.loadVarDirs(); err != nil {
		return nil, err
	}
	pm, err := s.platformMap()
	if err != nil {
		return nil, err
	}
	return vetTemplates(a.resolve(pm), vetOptions{allowPlain: s.allowPlaintext(), getenv: getenv}, errs), nil
}

func looksLikeAnsibleINI(path string, data []byte) bool {
	if strings.HasSuffix(strings.ToLower(path), ".ini") {
		return true
	}
	t := bytes.TrimSpace(data)
	return bytes.HasPrefix(t, []byte("[")) && !bytes.HasPrefix(t, []byte("[{"))
}

// hasOwnTopKey reports whether a line of data starts with one of our
// top-level keys in block style ("devices:" at column 0): an fwaudit
// inventory, told apart without decoding it (a 10,000-device inventory was
// decoded once here and once more by the loader).
func hasOwnTopKey(data []byte) bool {
	for line := range bytes.Lines(data) {
		for _, k := range []string{"devices:", "defaults:", "credentials:", "sources:"} {
			if bytes.HasPrefix(line, []byte(k)) {
				return true
			}
		}
	}
	return false
}

// looksLikeAnsible reports whether YAML data is an Ansible inventory (a
// top-level `all:`, or groups with hosts:/children:) and not ours.
func looksLikeAnsible(data []byte) bool {
	if hasOwnTopKey(data) {
		return false // ours: no need to decode the whole file twice
	}
	var top map[string]any
	if yaml.Unmarshal(data, &top) != nil {
		return false
	}
	for _, ours := range []string{"devices", "defaults", "credentials", "sources"} {
		if _, ok := top[ours]; ok {
			return false
		}
	}
	if _, ok := top["all"]; ok {
		return true
	}
	for _, v := range top {
		if m, ok := v.(map[string]any); ok {
			_, h := m["hosts"]
			_, c := m["children"]
			if h || c {
				return true
			}
		}
	}
	return false
}

func parseAnsibleYAML(file string, data []byte) (*ansibleInv, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("yaml: %w", yamlerr.Locate(data, err))
	}
	a := newAnsibleInv(file)
	if len(root.Content) == 0 {
		return a, nil
	}
	top := deref(root.Content[0])
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("top level must be a map of groups")
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		a.yamlGroup(top.Content[i].Value, deref(top.Content[i+1]))
		if top.Content[i].Value != "all" {
			a.group("all").children = append(a.group("all").children, top.Content[i].Value)
		}
	}
	return a, nil
}

func (a *ansibleInv) yamlGroup(name string, n *yaml.Node) {
	g := a.group(name)
	if n.Kind != yaml.MappingNode {
		return // `group:` with nothing under it
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, deref(n.Content[i+1])
		switch k {
		case "vars":
			for name, f := range yamlVars(v) {
				g.vars[name] = f
			}
		case "hosts":
			for j := 0; v.Kind == yaml.MappingNode && j+1 < len(v.Content); j += 2 {
				a.host(v.Content[j].Value, name, v.Content[j].Line, yamlVars(deref(v.Content[j+1])))
			}
		case "children":
			for j := 0; v.Kind == yaml.MappingNode && j+1 < len(v.Content); j += 2 {
				child := v.Content[j].Value
				if !slices.Contains(g.children, child) {
					g.children = append(g.children, child)
				}
				a.yamlGroup(child, deref(v.Content[j+1]))
			}
		}
	}
}

// yamlVars reads the scalar variables of a map; vault-encrypted values are
// kept with an empty value (present, never used).
func yamlVars(n *yaml.Node) map[string]fval {
	out := map[string]fval{}
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		if v.Tag == "!vault" {
			out[k.Value] = fval{v: "vault-encrypted", field: k.Value, line: k.Line, vault: true}
			continue
		}
		if s, ok := scalarString(v); ok {
			out[k.Value] = fval{v: s, field: k.Value, line: k.Line}
		}
	}
	return out
}

// resolve applies group variables (shallower groups first, then by name, as
// Ansible does; host variables last) and maps each host to a foreignHost.
func (a *ansibleInv) resolve(pm map[string]string) []foreignHost {
	depth := a.depths()
	parents := map[string][]string{}
	for _, g := range a.groups {
		for _, c := range g.children {
			parents[c] = append(parents[c], g.name)
		}
	}
	var out []foreignHost
	for _, name := range a.order {
		h := a.hosts[name]
		member := map[string]bool{"all": true}
		var walk func(string)
		walk = func(g string) {
			if member[g] {
				return
			}
			member[g] = true
			for _, p := range parents[g] {
				walk(p)
			}
		}
		for _, g := range h.groups {
			walk(g)
		}
		groups := make([]string, 0, len(member))
		for g := range member {
			groups = append(groups, g)
		}
		slices.SortFunc(groups, func(x, y string) int { return cmp.Or(cmp.Compare(depth[x], depth[y]), cmp.Compare(x, y)) })
		vars := map[string]fval{}
		var tags []string
		for _, g := range groups {
			if gr, ok := a.groups[g]; ok {
				for k, v := range gr.vars {
					vars[k] = v
				}
			}
			if g != "all" && g != "ungrouped" {
				tags = append(tags, g)
			}
		}
		for _, g := range groups { // group_vars/ outrank every inventory-file group var
			if gr, ok := a.groups[g]; ok {
				for k, v := range gr.dirVars {
					vars[k] = v
				}
			}
		}
		for k, v := range h.vars {
			vars[k] = v
		}
		for k, v := range h.dirVars {
			vars[k] = v
		}
		out = append(out, a.foreign(h, vars, tags, pm))
	}
	return out
}

// depths gives each group its longest distance from `all`.
func (a *ansibleInv) depths() map[string]int {
	d := map[string]int{}
	var visit func(string, int, map[string]bool)
	visit = func(g string, n int, path map[string]bool) {
		if path[g] || d[g] > n {
			return
		}
		d[g] = n
		path[g] = true
		if gr, ok := a.groups[g]; ok {
			for _, c := range gr.children {
				visit(c, n+1, path)
			}
		}
		delete(path, g)
	}
	visit("all", 0, map[string]bool{})
	return d
}

func (a *ansibleInv) foreign(h *ansibleHost, vars map[string]fval, tags []string, pm map[string]string) foreignHost {
	first := func(keys ...string) fval {
		for _, k := range keys {
			if v, ok := vars[k]; ok && v.v != "" {
				return v
			}
		}
		return fval{field: keys[0]}
	}
	f := foreignHost{file: a.file, line: h.line, section: "host " + quote(h.name),
		name:    fval{v: h.name, field: "host", line: h.line},
		address: first("ansible_host", "ansible_ssh_host"),
		port:    first("ansible_port", "ansible_ssh_port"),
		site:    first("site"), role: first("role"), groups: tags,
		username: first("ansible_user", "ansible_ssh_user"),
		password: first("ansible_password", "ansible_ssh_pass", "ansible_ssh_password"),
	}
	if !f.address.set() {
		f.address = fval{v: h.name, field: "host", line: h.line} // Ansible connects to the name
	}
	if p := first("fwaudit_platform"); p.set() {
		f.platform = p
	} else if p := first("ansible_network_os"); p.set() {
		p.v = mapPlatform(pm, p.v)
		f.platform = p
	}
	for _, k := range becomeKeys { // vetHost (ansible_template.go) picks env lookups out
		if v, ok := vars[k]; ok {
			f.secretFields = append(f.secretFields, v)
		}
	}
	return f
}
