package platform

import (
	"fmt"
	"reflect"
	"testing"

	"fwaudit/internal/textsafe"
)

// asaParsers are every ASA parser, for one fuzz target each.
var asaParsers = map[string]func(string) any{
	"show version": func(s string) any { v, _ := ParseASAShowVersion(s); return v },
	"show module":  func(s string) any { v, _ := ParseASAShowModule(s); return v },
	"dir":          func(s string) any { v, _ := ParseASADir(s); return v },
	"show logging": func(s string) any {
		v, _ := ParseASALogging(s)
		return []any{v, v.Events(ASAShowLogging)}
	},
	"show bootvar":  func(s string) any { v, _ := ParseASABootvar(s); return v },
	"running boot":  func(s string) any { v, _ := ParseASARunningBoot(s); return v },
	"authenticity":  func(s string) any { v, _ := ParseASAAuthenticity(s); return v },
	"keys":          func(s string) any { v, _ := ParseASAAuthenticityKeys(s); return v },
	"verify":        func(s string) any { v, _ := ParseASAVerify(s); return v },
	"kernel":        func(s string) any { v, _ := ParseASAKernelProcesses(s); return v },
	"memory region": func(s string) any { v, _ := ParseASAMemoryRegions(s); return v },
	"checkheaps":    func(s string) any { v, _ := ParseASACheckheaps(s); return v },
	"show mode":     func(s string) any { v, _ := ParseASAShowMode(s); return v },
	"crashinfo":     func(s string) any { v, _ := ParseASACrashinfo(s); return v },
	"pattern hunt":  func(s string) any { v, _ := ParseASAPatternHunt(s); return v },
	"changeto":      func(s string) any { return fmt.Sprint(ParseASAChangeto(s)) },
}

func fuzzASA(f *testing.F, name string) {
	platformFuzzSeeds(f)
	parse := asaParsers[name]
	f.Fuzz(func(t *testing.T, in string) { checkResult(t, in, parse(in)) })
}

func FuzzParseASAShowVersion(f *testing.F)  { fuzzASA(f, "show version") }
func FuzzParseASAShowModule(f *testing.F)   { fuzzASA(f, "show module") }
func FuzzParseASADir(f *testing.F)          { fuzzASA(f, "dir") }
func FuzzParseASALogging(f *testing.F)      { fuzzASA(f, "show logging") }
func FuzzParseASABootvar(f *testing.F)      { fuzzASA(f, "show bootvar") }
func FuzzParseASARunningBoot(f *testing.F)  { fuzzASA(f, "running boot") }
func FuzzParseASAAuthenticity(f *testing.F) { fuzzASA(f, "authenticity") }
func FuzzParseASAKeys(f *testing.F)         { fuzzASA(f, "keys") }
func FuzzParseASAVerify(f *testing.F)       { fuzzASA(f, "verify") }
func FuzzParseASAKernel(f *testing.F)       { fuzzASA(f, "kernel") }
func FuzzParseASAMemRegion(f *testing.F)    { fuzzASA(f, "memory region") }
func FuzzParseASACheckheaps(f *testing.F)   { fuzzASA(f, "checkheaps") }
func FuzzParseASAShowMode(f *testing.F)     { fuzzASA(f, "show mode") }
func FuzzParseASACrashinfo(f *testing.F)    { fuzzASA(f, "crashinfo") }
func FuzzParseASAPatternHunt(f *testing.F)  { fuzzASA(f, "pattern hunt") }
func FuzzParseASAChangeto(f *testing.F)     { fuzzASA(f, "changeto") }

// FuzzParseASA feeds one input as every ASA command's output to ParseASA
// (the platform is not registered yet, so FuzzParsePlatforms does not
// reach it).
func FuzzParseASA(f *testing.F) {
	platformFuzzSeeds(f)
	cmds := []string{ASAShowVersion, ASAShowModule, ASAShowInventory, ASADirDisk0, ASADirRecursive, ASAShowLogging,
		ASAShowBootvar, ASAShowRunBoot, ASAAuthRunning, ASAAuthKeys, ASAShowMode, ASAChangetoSystem, ASAKernelLinaCS,
		ASAMemRegionLina, ASAShowCrashinfo, ASACheckheapsRun(1), ASACheckheapsRun(2), ASAVerifyText, ASAVerifyTextMemory,
		ASAPatternHunt, ASAVerifyPrefix + "disk0:/x.SPA"}
	f.Fuzz(func(t *testing.T, in string) {
		out := Outputs{}
		for _, c := range cmds {
			out[c] = in
		}
		fa, _ := ParseASA(out)
		walkStrings(reflect.ValueOf(fa), new(int), func(s string) {
			if !textsafe.IsSafe(s) {
				t.Fatalf("unsafe string in facts: %q", s)
			}
		})
		if len(fa.ROMMON) > maxComponents || len(fa.Files) > maxFiles || len(fa.Boot.System) > maxBootEntries {
			t.Fatalf("unbounded facts: %d components, %d files, %d boot", len(fa.ROMMON), len(fa.Files), len(fa.Boot.System))
		}
	})
}
