package lab

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteHashes prints "file seed size sha512" for every distinct image
// (file, seed, size) of the fleet, sorted, for writing baselines.
func (f *Fleet) WriteHashes(w io.Writer) error {
	type key struct {
		name, seed string
		size       int64
	}
	seen := map[key]bool{}
	var keys []key
	for i := range f.Devices {
		for _, fs := range f.Resolved(i).Files {
			k := key{fs.Name, fs.Seed, fs.Size}
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.name != b.name {
			return strings.Compare(a.name, b.name)
		}
		return strings.Compare(a.seed, b.seed)
	})
	for _, k := range keys {
		if _, err := fmt.Fprintf(w, "%s %s %d %s\n", k.name, k.seed, k.size, hashes.get(k.seed, k.size)); err != nil {
			return fmt.Errorf("write hashes: %w", err)
		}
	}
	return nil
}
