package baseline_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fwaudit/internal/baseline"
)

// fuzzSeeds are every baseline and change-window file of testdata and the
// shipped baselines.
func fuzzSeeds(f *testing.F) {
	var seeds []string
	for _, g := range []string{"testdata/*.y*ml", "testdata/*/*.y*ml", "../../baselines/*.y*ml"} {
		m, _ := filepath.Glob(g)
		seeds = append(seeds, m...)
	}
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("platform: cisco_iosxe\nmodels:\n  - model: \"\\e[2J*\"\n    rommon: {approved: [\"\\0\"]}\n"))
	f.Add([]byte("a: &a [*a, *a]\nmodels: *a\n"))
	f.Add([]byte("changes:\n  - {id: x, start: 2026-13-45T99:00:00Z, end: 0, devices: [\"[\"], allow: [everything]}\n"))
}

// FuzzLoad: Load never panics and every error wraps ErrInvalid; a loaded
// set answers matches without panicking.
func FuzzLoad(f *testing.F) {
	fuzzSeeds(f)
	// One file per worker process, rewritten for each input (inputs in a
	// worker run one after another).
	p := filepath.Join(f.TempDir(), "fuzz.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		set, err := baseline.Load(p, known)
		if err != nil {
			if !errors.Is(err, baseline.ErrInvalid) {
				t.Fatalf("error does not wrap ErrInvalid: %v", err)
			}
			return
		}
		for _, model := range []string{"C9300-48P", "", "*", "\x00"} {
			_, _ = set.Match("cisco_iosxe", model)
		}
	})
}

// FuzzLoadChanges: LoadChanges never panics and every error wraps ErrInvalid.
func FuzzLoadChanges(f *testing.F) {
	fuzzSeeds(f)
	p := filepath.Join(f.TempDir(), "changes.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := baseline.LoadChanges(p)
		if err != nil {
			if !errors.Is(err, baseline.ErrInvalid) {
				t.Fatalf("error does not wrap ErrInvalid: %v", err)
			}
			return
		}
		_, _ = c.Covering("lon-wan-02", "rommon", time.Now())
	})
}
