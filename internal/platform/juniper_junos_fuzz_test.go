package platform

import "testing"

func FuzzParseJunosShowVersion(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseJunosShowVersion(in)
		checkResult(t, in, v)
	})
}

func FuzzParseJunosFirmware(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseJunosFirmware(in)
		checkResult(t, in, v)
		if len(v.BootFirmware(JunosShowFirmware)) > maxComponents {
			t.Fatal("unbounded components")
		}
	})
}

func FuzzParseJunosHardware(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseJunosHardware(in)
		checkResult(t, in, v)
	})
}

func FuzzParseJunosFileList(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseJunosFileList(in)
		checkResult(t, in, v)
	})
}
