package baseline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ChangesFile is the change-window file in a baseline folder; Load skips it.
const ChangesFile = "changes.yaml"

// LoadOptions configure Load.
type LoadOptions struct {
	// KnownPlatforms are the accepted `platform:` values: the caller passes
	// platform.Names(), because this package imports nothing from fwaudit.
	// Empty accepts none, so a caller that forgets them gets an error, never
	// a baseline that silently matches no device.
	KnownPlatforms []string
}

// Load reads every *.yaml and *.yml file of dir but ChangesFile, in name
// order, and validates them. A single file may be given instead of a folder.
// It fails closed: a `platform:` not in opts.KnownPlatforms, a platform
// claimed by two files and a model glob listed twice for one platform are
// errors naming each place, never a silent "first wins". `policy:` may be
// set in one file only. An empty folder gives an empty Set: every device
// then gets the "no baseline" finding.
//
// All problems are reported at once as FieldErrors joined and wrapped in
// ErrInvalid.
func Load(dir string, opts LoadOptions) (*Set, error) {
	files, err := baselineFiles(dir)
	if err != nil {
		return nil, err
	}
	known := slices.Sorted(slices.Values(opts.KnownPlatforms))
	set := &Set{platforms: map[string][]*Model{}}
	var errs errList
	policyFile, policyLine := "", 0
	owners := map[string]place{} // platform → the file that claimed it first
	for _, file := range files {
		data, err := readFile(file)
		if err != nil {
			return nil, fmt.Errorf("%w: read baseline: %w", ErrInvalid, err)
		}
		d := &decoder{file: file, platforms: known, errs: &errs}
		doc := d.decodeFile(data)
		if doc.policy != nil {
			if policyFile != "" {
				errs.add(file, doc.policyAt, 0, "policy", "already set in %s:%d; set it in one file only", policyFile, policyLine)
			} else {
				set.Policy, policyFile, policyLine = *doc.policy, file, doc.policyAt
			}
		}
		if doc.platform != "" {
			if first, dup := owners[doc.platform]; dup {
				errs.add(file, doc.platformAt, 0, "platform", "%s is also the platform of %s; keep the models of one platform in one file",
					quote(doc.platform), first)
			} else {
				owners[doc.platform] = place{file, doc.platformAt}
			}
			set.platforms[doc.platform] = append(set.platforms[doc.platform], doc.models...)
		}
		set.files = append(set.files, file)
	}
	for _, models := range set.platforms {
		checkModelsOnce(&errs, models)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return set, nil
}

// place is a file:line.
type place struct {
	file string
	line int
}

func (p place) String() string { return fmt.Sprintf("%s:%d", p.file, p.line) }

// checkModelsOnce reports a model glob listed twice for one platform (in one
// file or across files): only the first would ever match.
func checkModelsOnce(errs *errList, models []*Model) {
	first := map[string]*Model{}
	for i, m := range models {
		if m.Pattern == "" {
			continue
		}
		if f, dup := first[m.Pattern]; dup {
			errs.add(m.File, m.Line, 0, fmt.Sprintf("models[%d].model", m.index),
				"duplicate model %s (first at %s:%d); merge the two entries", quote(m.Pattern), f.File, f.Line)
			continue
		}
		first[m.Pattern] = models[i]
	}
}

// knownList formats the accepted platforms for a message.
func knownList(platforms []string) string {
	if len(platforms) == 0 {
		return "none were given"
	}
	return strings.Join(platforms, ", ")
}

// baselineFiles lists the baseline files of dir (or dir itself if it is a file).
func baselineFiles(dir string) ([]string, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if !st.IsDir() {
		return []string{dir}, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == ChangesFile || name == "changes.yml" || strings.HasPrefix(name, ".") {
			continue
		}
		if ext := filepath.Ext(name); ext == ".yaml" || ext == ".yml" {
			out = append(out, filepath.Join(dir, name))
		}
	}
	slices.Sort(out)
	return out, nil
}
