package inventory

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// sourceRef is a source spec and where it was given: an entry of a
// `sources:` list in an fwaudit YAML file, or the -i argument itself.
type sourceRef struct {
	spec  string
	base  string // folder relative paths resolve against
	p     pos
	field string // "sources[0]"; "" for -i
}

// cutSources takes the top-level `sources:` list out of an fwaudit YAML file
// (a list of source specs, the same syntax as -i) and returns the file with
// those lines blanked, so the rest decodes with its line numbers unchanged.
func cutSources(file string, data []byte, errs *errList) ([]byte, []sourceRef) {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return data, nil // decodeFile reports syntax errors
	}
	top := deref(root.Content[0])
	if top.Kind != yaml.MappingNode {
		return data, nil
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], deref(top.Content[i+1])
		if k.Value != "sources" {
			continue
		}
		p := pos{file, k.Line}
		if top.Style&yaml.FlowStyle != 0 {
			errs.add(p, subject{section: "sources"}, "", "write sources: in block style (one key per line)")
			return data, nil
		}
		var refs []sourceRef
		if v.Kind != yaml.SequenceNode {
			errs.add(p, subject{section: "sources"}, "", "must be a list of sources, e.g. [\"netbox+https://netbox.example.net\"]")
		}
		for j, c := range v.Content {
			s, msg := scalar(deref(c))
			field := fmt.Sprintf("sources[%d]", j)
			if msg != "" || !safe(s) {
				errs.add(pos{file, c.Line}, subject{section: "sources"}, field, "must be a source such as ansible:hosts.ini or netbox+https://HOST")
				continue
			}
			refs = append(refs, sourceRef{spec: s, base: filepath.Dir(file), p: pos{file, c.Line}, field: field})
		}
		end := -1 // last line of the sources: block
		if i+2 < len(top.Content) {
			end = top.Content[i+2].Line - 1
		}
		return blankLines(data, k.Line, end), refs
	}
	return data, nil
}

// blankLines empties lines from..to (1-based, inclusive; to < 0 = to the end).
func blankLines(data []byte, from, to int) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i := from - 1; i < len(lines) && (to < 0 || i < to); i++ {
		if bytes.HasSuffix(lines[i], []byte("\n")) {
			lines[i] = []byte("\n")
		} else {
			lines[i] = nil
		}
	}
	return bytes.Join(lines, nil)
}

// loadSources reads every foreign source named in `sources:` lists. Their
// devices get the defaults, groups and credentials of the YAML files. A
// source that is unavailable (ErrSourceUnavailable) stops the load: it is
// not a problem of the file.
func loadSources(refs []sourceRef, docs []fileDoc, opts LoadOptions, errs *errList) ([]fileDoc, error) {
	known := map[string]bool{}
	for _, d := range docs {
		for g := range maps.Keys(d.groups) {
			known[g] = true
		}
	}
	var out []fileDoc
	for _, r := range refs {
		s, ok, err := parseSourceSpec(r.spec, r.base)
		if err == nil && !ok {
			err = fmt.Errorf("%s is not a known source; write TYPE:PATH (ansible, nornir, oxidized, netbox) or netbox+https://HOST", quote(r.spec))
		}
		if err == nil && s.params.Has("defaults") {
			err = fmt.Errorf("defaults= is only for a source given with -i; this file already provides the defaults")
		}
		if err != nil {
			errs.add(r.p, subject{section: "sources"}, r.field, "%s", err.Error())
			continue
		}
		doc, err := readSource(s, known, opts, errs)
		if errors.Is(err, ErrSourceUnavailable) {
			return nil, fmt.Errorf("load inventory: %s:%d: %s: %w", r.p.file, r.p.line, r.field, err)
		}
		if err != nil {
			errs.add(r.p, subject{section: "sources"}, r.field, "%s", err.Error())
			continue
		}
		out = append(out, doc)
	}
	if len(out) > 0 && len(refs) > 0 {
		anchorKnownHosts(&out[0], docs, refs[0].p.file)
	}
	return out, nil
}

// anchorKnownHosts makes the default known_hosts of foreign devices the one
// beside the fwaudit file that names the source (never a file inside an
// Ansible repository or beside a URL), unless defaults: already set one.
func anchorKnownHosts(doc *fileDoc, docs []fileDoc, file string) {
	for _, d := range docs {
		if _, ok := d.defaults["ssh.known_hosts"]; ok {
			return
		}
	}
	doc.defaults["ssh.known_hosts"] = entry{v: DefaultKnownHosts, pos: pos{file: file}}
}

// readSource reads one foreign source into a fileDoc of devices.
func readSource(s sourceSpec, known map[string]bool, opts LoadOptions, errs *errList) (fileDoc, error) {
	var hosts []foreignHost
	var err error
	switch s.kind {
	case SourceAnsible:
		hosts, err = readAnsible(s, opts.Getenv, errs)
	case SourceNornir:
		hosts, err = readNornir(s, errs)
	case SourceOxidized:
		hosts, err = readOxidized(s, errs)
	case SourceNetBox:
		hosts, err = readNetBox(s, opts, errs)
	}
	if err != nil {
		return fileDoc{}, fmt.Errorf("%s source %s: %w", s.kind, quote(s.raw), err)
	}
	c := &converter{spec: s, platforms: opts.KnownPlatforms, known: known, errs: errs, log: opts.Logger}
	return c.convert(hosts), nil
}

// loadSourceOnly loads an inventory given directly as a foreign source
// (-i ansible:hosts.ini). Option defaults=FILE names an fwaudit YAML file
// whose defaults:, groups: and credentials: apply to the source's devices.
func loadSourceOnly(s sourceSpec, opts LoadOptions) (*Inventory, error) {
	errs := &errList{}
	var docs []fileDoc
	var files []string
	if def := s.params.Get("defaults"); def != "" {
		data, err := readFile(def)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
		}
		d := &decoder{file: def, platforms: opts.KnownPlatforms, errs: errs}
		docs, files = append(docs, d.decodeFile(data)), append(files, def)
	}
	known := map[string]bool{}
	for _, d := range docs {
		for g := range maps.Keys(d.groups) {
			known[g] = true
		}
	}
	doc, err := readSource(s, known, opts, errs)
	if errors.Is(err, ErrSourceUnavailable) {
		return nil, fmt.Errorf("load inventory: %w", err)
	} else if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	anchorKnownHosts(&doc, docs, filepath.Join(filepath.Dir(s.params.Get("defaults")), "defaults"))
	docs, files = append(docs, doc), append(files, strings.TrimSuffix(s.loc, "/"))
	m := merge(docs, errs)
	if len(m.devices) == 0 && len(errs.errs) == 0 {
		errs.add(pos{file: s.raw}, subject{}, "devices", "no devices defined")
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
