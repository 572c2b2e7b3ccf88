package platform

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"fwaudit/internal/textsafe"
)

// fuzzSeeds adds every testdata input (hand-written fixtures and corpus raws)
// to f, so each fuzz target starts from real shapes.
func fuzzSeeds(f *testing.F) {
	var paths []string
	for _, pattern := range []string{"testdata/*/*.txt", "testdata/corpus/*/*/*.raw"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		f.Fatal("no seeds found")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("ROM: \x1b[31mIOS-XE\x00 ROMMONBOOTLDR: System Bootstrap, Version \xff\xfe, X\r\n")
}

// checkResult asserts the fuzz properties on one parse result: every string
// is textsafe and the result's size is bounded by the input's.
func checkResult(t *testing.T, in string, v any) {
	t.Helper()
	size := 0
	walkStrings(reflect.ValueOf(v), &size, func(s string) {
		if !textsafe.IsSafe(s) {
			t.Fatalf("unsafe string in result: %q", s)
		}
	})
	// Each field is at most 3x its input bytes (invalid UTF-8 becomes
	// U+FFFD) and a ROMMON phrase can fill two fields, hence 8x.
	if limit := 8*len(in) + 1024; size > limit {
		t.Fatalf("result size %d exceeds bound %d for input of %d bytes", size, limit, len(in))
	}
}

// walkStrings calls fn on every string reachable from v and adds to size
// the bytes of strings plus 8 per number or bool.
func walkStrings(v reflect.Value, size *int, fn func(string)) {
	switch v.Kind() {
	case reflect.String:
		*size += v.Len()
		fn(v.String())
	case reflect.Struct:
		for i := range v.NumField() {
			walkStrings(v.Field(i), size, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), size, fn)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), size, fn)
		}
	case reflect.Int, reflect.Int64, reflect.Bool:
		*size += 8
	}
}

func FuzzParseIOSXEShowVersion(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseIOSXEShowVersion(in)
		checkResult(t, in, v)
	})
}

func FuzzParseIOSXEROMMON(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseIOSXEROMMON(in)
		checkResult(t, in, v)
	})
}

func FuzzParseIOSXEShowPlatform(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseIOSXEShowPlatform(in)
		checkResult(t, in, v)
		if len(v.Firmware) > maxComponents || len(v.Switches) > maxComponents {
			t.Fatalf("too many rows: %d firmware, %d switches", len(v.Firmware), len(v.Switches))
		}
	})
}

func FuzzParseIOSXEBootvar(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseIOSXEBootvar(in)
		checkResult(t, in, v)
		r, _ := parseIOSXERunningBoot(in)
		checkResult(t, in, r)
		if len(v.System) > maxBootEntries || len(r.System) > maxBootEntries {
			t.Fatalf("too many boot entries: %d, %d", len(v.System), len(r.System))
		}
	})
}

func FuzzParseIOSXEDir(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := parseIOSXEDir(in)
		checkResult(t, in, v)
		if len(v.Entries) > maxFiles {
			t.Fatalf("%d entries", len(v.Entries))
		}
	})
}

func FuzzParseIOSXEVerify(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, err := ParseIOSXEVerify(in)
		checkResult(t, in, v)
		if err == nil && (len(v.SHA512) != 128 || !isHex(v.SHA512) || v.File == "") {
			t.Fatalf("accepted bad hash %+v", v)
		}
	})
}

// FuzzParseIOSXE feeds one input as every command's output to the merged
// parser and checks the facts and the follow-up commands derived from them.
func FuzzParseIOSXE(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		out := Outputs{}
		for _, cmd := range ParsedCommands(CiscoIOSXE) {
			out[cmd] = in
		}
		out[IOSXEVerifyCmd+"bootflash:x.bin"] = in
		fa, _ := ParseIOSXE(out)
		walkStrings(reflect.ValueOf(fa), new(int), func(s string) {
			if !textsafe.IsSafe(s) {
				t.Fatalf("unsafe string in facts: %q", s)
			}
		})
		if len(fa.ROMMON) > maxComponents || len(fa.Files) > maxFiles || len(fa.Boot.System) > maxBootEntries {
			t.Fatalf("unbounded facts: %d components, %d files, %d boot", len(fa.ROMMON), len(fa.Files), len(fa.Boot.System))
		}
		cmds := iosxeFollowUp(fa)
		if len(cmds) > maxFollowUps {
			t.Fatalf("%d follow-ups", len(cmds))
		}
		for _, c := range cmds {
			if !localPath(c[len(IOSXEVerifyCmd):]) {
				t.Fatalf("follow-up with unsafe path: %q", c)
			}
		}
	})
}

func FuzzParseIOSXERomvar(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseIOSXERomvar(in)
		checkResult(t, in, v)
		if len(v) > maxFiles {
			t.Fatalf("%d variables", len(v))
		}
	})
}

func FuzzParseIOSXEInstallSummary(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, err := ParseIOSXEInstallSummary(in)
		checkResult(t, in, v)
		if len(v.Packages) > maxComponents || err == nil && len(v.Packages) == 0 {
			t.Fatalf("%d packages, err %v", len(v.Packages), err)
		}
		for _, p := range v.Packages {
			if !installState(p.State) {
				t.Fatalf("bad state %q", p.State)
			}
		}
	})
}

func FuzzParseIOSShowModule(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		v, _ := ParseIOSShowModule(in)
		checkResult(t, in, v)
		if len(v.Modules) > maxComponents || len(v.BootFirmware(IOSShowModule)) > maxComponents {
			t.Fatalf("%d modules", len(v.Modules))
		}
	})
}
