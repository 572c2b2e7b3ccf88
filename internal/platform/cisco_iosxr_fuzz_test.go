package platform

import "testing"

func FuzzParseIOSXRShowVersion(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseIOSXRShowVersion(in)
		checkResult(t, in, v)
	})
}

func FuzzParseIOSXRFPD(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseIOSXRFPD(in)
		checkResult(t, in, v)
		if len(v.FPDs) > maxComponents {
			t.Fatalf("%d fpds", len(v.FPDs))
		}
	})
}

func FuzzParseIOSXRInstallActive(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseIOSXRInstallActive(in)
		checkResult(t, in, v)
	})
}
