package platform

import "testing"

func FuzzParseEOSShowVersion(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseEOSShowVersion(in)
		checkResult(t, in, v)
	})
}

func FuzzParseEOSBootConfig(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseEOSBootConfig(in)
		checkResult(t, in, v)
	})
}

func FuzzParseEOSDir(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseEOSDir(in)
		checkResult(t, in, v)
		if len(v.Entries) > maxFiles {
			t.Fatalf("%d entries", len(v.Entries))
		}
	})
}
