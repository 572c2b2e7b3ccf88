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

func FuzzParseJunosUptime(f *testing.F) {
	fuzzSeeds(f)
	f.Add("Current time: 2026-11-30 09:15:42 UTC\nSystem booted: 2026-10-19 08:13:40 UTC (6w0d 01:02 ago)\n")
	f.Add("System booted: x (99999999w99999999d 9999:9999:9999 ago)\n")
	f.Fuzz(func(t *testing.T, in string) {
		u, _ := ParseJunosUptime(in)
		checkResult(t, in, u)
		if u.UptimeSeconds < 0 {
			t.Fatalf("negative uptime %d", u.UptimeSeconds)
		}
	})
}
