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

// Load reads every *.yaml and *.yml file of dir but ChangesFile, in name
// order, and validates them. A single file may be given instead of a folder.
// Models of the same platform in several files are appended in file order;
// `policy:` may be set in one file only. An empty folder gives an empty Set:
// every device then gets the "no baseline" info finding.
//
// All problems are reported at once as FieldErrors joined and wrapped in
// ErrInvalid.
func Load(dir string) (*Set, error) {
	files, err := baselineFiles(dir)
	if err != nil {
		return nil, err
	}
	set := &Set{platforms: map[string][]*Model{}}
	var errs errList
	policyFile, policyLine := "", 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%w: read baseline: %w", ErrInvalid, err)
		}
		d := &decoder{file: file, errs: &errs}
		doc := d.decodeFile(data)
		if doc.policy != nil {
			if policyFile != "" {
				errs.add(file, doc.policyAt, 0, "policy", "already set in %s:%d; set it in one file only", policyFile, policyLine)
			} else {
				set.Policy, policyFile, policyLine = *doc.policy, file, doc.policyAt
			}
		}
		if doc.platform != "" {
			set.platforms[doc.platform] = append(set.platforms[doc.platform], doc.models...)
		}
		set.files = append(set.files, file)
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return set, nil
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
