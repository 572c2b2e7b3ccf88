package platform

import "testing"

func FuzzParseEOSShowVersion(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseEOSShowVersion(in)
		checkResult(t, in, v)
	})
}

func FuzzParseEOSBootConfig(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseEOSBootConfig(in)
		checkResult(t, in, v)
	})
}

func FuzzParseEOSDir(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseEOSDir(in)
		checkResult(t, in, v)
		if len(v.Entries) > maxFiles {
			t.Fatalf("%d entries", len(v.Entries))
		}
	})
}
