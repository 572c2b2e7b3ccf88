package inventory_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fwaudit/internal/inventory"
	"fwaudit/internal/textsafe"
)

// FuzzLoad: Load never panics, every error is ErrInvalid and prints safely,
// and every loaded string is safe.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.yaml")
	more, _ := filepath.Glob("testdata/*/*.y*ml")
	seeds = append(append(seeds, more...), "../../inventory/example.yaml")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("devices:\n  - {name: \"\\e[2Jx\", address: \"\\u202e1.2.3.4\", platform: \"\\0\"}\n"))
	f.Add([]byte("a: &a [*a, *a]\ndevices: *a\n"))
	anyEnv := func(string) (string, bool) { return "v", true }
	// One file per worker process, rewritten each run (runs in a worker are
	// sequential): a fresh TempDir per input makes the fuzzer I/O bound.
	p := filepath.Join(f.TempDir(), "fuzz.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		inv, err := inventory.Load(p, inventory.LoadOptions{Getenv: anyEnv})
		if err != nil {
			if !errors.Is(err, inventory.ErrInvalid) {
				t.Fatalf("error does not wrap ErrInvalid: %v", err)
			}
			for l := range strings.Lines(err.Error()) {
				if !textsafe.IsSafe(strings.TrimSuffix(l, "\n")) {
					t.Fatalf("unsafe error line %q", l)
				}
			}
			return
		}
		for _, d := range inv.Devices {
			for _, s := range append([]string{d.Name, d.Address, d.Platform, d.Site, d.Role, d.Credentials.Username}, d.Tags...) {
				if !textsafe.IsSafe(s) {
					t.Fatalf("device %q: unsafe string %q", d.Name, s)
				}
			}
		}
	})
}
