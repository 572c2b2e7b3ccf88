package inventory

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// maxFile bounds one inventory file.
const maxFile = 8 << 20

// Load reads the inventory at path: a YAML file, or a folder whose *.yaml and
// *.yml files (sorted, not recursive) are merged. It applies defaults and
// groups (device > groups in listed order > defaults), validates every field,
// and resolves the secrets of the credentials and SNMP settings that devices
// use. Every error wraps ErrInvalid; field problems are *FieldError values,
// all of them, joined and sorted by file and line. The exception: a source
// (NetBox) that cannot be reached after retries wraps ErrSourceUnavailable
// instead.
func Load(path string, opts LoadOptions) (*Inventory, error) {
	opts = opts.withDefaults()
	// Foreign sources (ansible:, nornir:, oxidized:, netbox:…), see source.go.
	if spec, ok, err := parseSourceSpec(path, ""); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	} else if ok {
		return loadSourceOnly(spec, opts)
	}
	files, err := listFiles(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	errs := &errList{}
	docs := make([]fileDoc, 0, len(files))
	var refs []sourceRef
	for _, f := range files {
		data, err := readFile(f)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
		data, fileRefs := cutSources(f, data, errs) // top-level sources: list
		refs = append(refs, fileRefs...)
		d := &decoder{file: f, platforms: opts.KnownPlatforms, errs: errs}
		docs = append(docs, d.decodeFile(data))
	}
	srcDocs, err := loadSources(refs, docs, opts, errs)
	if err != nil {
		return nil, err
	}
	docs = append(docs, srcDocs...)
	m := merge(docs, errs)
	if len(m.devices) == 0 && len(errs.errs) == 0 {
		errs.add(pos{file: path}, subject{}, "devices", "no devices defined")
	}
	b := newBuilder(m, errs, opts)
	inv := &Inventory{Files: files}
	for _, raw := range m.devices {
		inv.Devices = append(inv.Devices, b.device(raw))
	}
	if err := b.err(); err != nil {
		return nil, err
	}
	return inv, nil
}

// listFiles returns path itself, or the YAML files in the folder path.
func listFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("load inventory: %w", err)
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("load inventory: %w", err)
	}
	var files []string
	for _, e := range ents {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if (ext == ".yaml" || ext == ".yml") && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("load inventory: no *.yaml or *.yml files in %s", path)
	}
	slices.Sort(files)
	return files, nil
}

func readFile(path string) ([]byte, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, fmt.Errorf("load inventory: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("load inventory: read %s: %w", path, err)
	}
	if len(b) > maxFile {
		return nil, fmt.Errorf("load inventory: %s is larger than %d MiB", path, maxFile>>20)
	}
	return b, nil
}
