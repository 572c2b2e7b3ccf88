package platform

import "testing"

func FuzzParseNXOSShowModule(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseNXOSShowModule(in)
		checkResult(t, in, v)
		if len(v.Modules) > maxComponents {
			t.Fatalf("%d modules", len(v.Modules))
		}
	})
}

func FuzzParseNXOSFileSHA512(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseNXOSFileSHA512("bootflash:x.bin", in)
		checkResult(t, in, v)
	})
}

func FuzzParseJunosChecksum(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseJunosChecksum(in)
		checkResult(t, in, v)
	})
}
