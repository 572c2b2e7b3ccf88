package platform

import (
	"reflect"
	"testing"

	"fwaudit/internal/textsafe"
)

// platformFuzzSeeds adds every testdata input of every platform and every
// corpus raw (fuzzSeeds).
func platformFuzzSeeds(f *testing.F) { fuzzSeeds(f) }

// checkFacts asserts the fuzz properties on merged facts: every string is
// textsafe and the lists are bounded.
func checkFacts(t *testing.T, in string, p Platform) {
	out := Outputs{}
	for _, cmd := range ParsedCommands(p) {
		out[cmd] = in
	}
	fa, _ := p.Parse(out)
	walkStrings(reflect.ValueOf(fa), new(int), func(s string) {
		if !textsafe.IsSafe(s) {
			t.Fatalf("%s: unsafe string in facts: %q", p.Name, s)
		}
	})
	if len(fa.ROMMON) > maxComponents || len(fa.Files) > maxFiles || len(fa.Boot.System) > maxBootEntries {
		t.Fatalf("%s: unbounded facts: %d components, %d files, %d boot", p.Name, len(fa.ROMMON), len(fa.Files), len(fa.Boot.System))
	}
}

func FuzzParseNXOSShowVersion(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseNXOSShowVersion(in)
		checkResult(t, in, v)
	})
}

func FuzzParseNXOSShowBoot(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseNXOSShowBoot(in)
		checkResult(t, in, v)
		if len(v.System) > maxBootEntries {
			t.Fatalf("%d boot entries", len(v.System))
		}
	})
}

func FuzzParseNXOSDir(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseNXOSDir(in)
		checkResult(t, in, v)
	})
}

func FuzzParseCiscoInventory(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseCiscoInventory(in)
		checkResult(t, in, v)
	})
}

// FuzzParsePlatforms feeds one input as every command's output to each
// registered platform's merged parser, so a new platform is fuzzed as soon
// as it is registered.
func FuzzParsePlatforms(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		for _, p := range All() {
			checkFacts(t, in, p)
		}
	})
}
