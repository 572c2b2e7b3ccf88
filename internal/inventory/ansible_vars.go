package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"fwaudit/internal/yamlerr"
)

// Ansible reads group_vars/ and host_vars/ beside the inventory file. For
// a group or host NAME it reads, in this order and merging, NAME, NAME.yml,
// NAME.yaml, NAME.json (a file), or every such file inside a folder NAME/
// (in name order). Precedence follows Ansible's: inventory-file group vars
// < group_vars/ (all first, then by depth and name) < inventory-file host
// vars < host_vars/.

// maxVarFiles bounds the files one group_vars/NAME or host_vars/NAME
// folder may hold.
const maxVarFiles = 256

// varExts are the extensions Ansible reads by default ("" = none).
var varExts = []string{"", ".yml", ".yaml", ".json"}

// loadVarDirs fills dirVars of every group and host from the folders
// beside the inventory file.
func (a *ansibleInv) loadVarDirs() error {
	base := filepath.Dir(a.file)
	a.group("all") // group_vars/all applies to every host, listed or not
	for _, name := range slices.Sorted(maps.Keys(a.groups)) {
		vars, err := readVarsFor(filepath.Join(base, "group_vars"), name)
		if err != nil {
			return err
		}
		a.groups[name].dirVars = vars
	}
	for _, name := range a.order {
		vars, err := readVarsFor(filepath.Join(base, "host_vars"), name)
		if err != nil {
			return err
		}
		a.hosts[name].dirVars = vars
	}
	return nil
}

// readVarsFor reads dir/NAME[.yml|.yaml|.json] or the folder dir/NAME/.
// Names that could leave dir (a host called "../x") are not looked up.
func readVarsFor(dir, name string) (map[string]fval, error) {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.ContainsRune(name, 0) {
		return nil, nil
	}
	var files []string
	for _, ext := range varExts {
		p := filepath.Join(dir, name+ext)
		st, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, fmt.Errorf("ansible vars: %w", err)
		case st.Mode().IsRegular():
			files = append(files, p)
		case st.IsDir() && ext == "":
			inner, err := varFolder(p)
			if err != nil {
				return nil, err
			}
			files = append(files, inner...)
		}
	}
	if len(files) == 0 {
		return nil, nil
	}
	out := map[string]fval{}
	for _, p := range files {
		vars, err := readVarFile(p)
		if err != nil {
			return nil, err
		}
		for k, v := range vars {
			out[k] = v
		}
	}
	return out, nil
}

// varFolder lists the var files of a group_vars/NAME/ folder in name order
// (hidden files and other extensions skipped, as Ansible does).
func varFolder(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("ansible vars: %w", err)
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") || !e.Type().IsRegular() || !slices.Contains(varExts, strings.ToLower(filepath.Ext(n))) {
			continue
		}
		if len(files) == maxVarFiles {
			return nil, fmt.Errorf("ansible vars: %s holds more than %d files", dir, maxVarFiles)
		}
		files = append(files, filepath.Join(dir, n))
	}
	return files, nil
}

// readVarFile reads one YAML (or JSON) map of variables. A file encrypted
// whole with Ansible Vault is refused by name: fwaudit cannot read it, and
// silently skipping it would change what the devices resolve to.
func readVarFile(path string) (map[string]fval, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, fmt.Errorf("ansible vars: %w", err)
	}
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("$ANSIBLE_VAULT;")) {
		return nil, fmt.Errorf("ansible vars %s: encrypted with Ansible Vault as a whole; encrypt single values (!vault) or keep fwaudit's fields in a plain file", path)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("ansible vars %s: yaml: %w", path, yamlerr.Locate(data, err))
	}
	if len(root.Content) == 0 {
		return nil, nil // empty file
	}
	top := deref(root.Content[0])
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("ansible vars %s: line %d: must be a map of variables", path, top.Line)
	}
	vars := yamlVars(top)
	for k, v := range vars {
		v.file = path
		vars[k] = v
	}
	return vars, nil
}
