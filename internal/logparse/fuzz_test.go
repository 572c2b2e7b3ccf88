package logparse_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fwaudit/internal/facts"
	"fwaudit/internal/logparse"
	"fwaudit/internal/textsafe"
)

// seeds adds every testdata input, whole and line by line.
func seeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	more, _ := filepath.Glob("testdata/corpus/*.raw")
	for _, p := range append(files, more...) {
		if strings.HasSuffix(p, ".json") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
		for line := range strings.Lines(string(b)) {
			f.Add(line)
		}
	}
}

func checkEvents(t *testing.T, in string, evs []facts.LogEvent) {
	if len(evs) > strings.Count(in, "\n")+1 {
		t.Fatalf("%d events from %d lines", len(evs), strings.Count(in, "\n")+1)
	}
	for _, ev := range evs {
		for _, s := range []string{ev.Kind, ev.Source, ev.User, ev.File, ev.Message, ev.Origin, ev.Host, ev.Program} {
			if !textsafe.IsSafe(s) || len(s) > len(in)+64 {
				t.Fatalf("unsafe or oversized field %q", s)
			}
		}
	}
}

func FuzzParseIOSLogging(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		evs, dropped := logparse.ParseIOSLogging(s, "show logging")
		if dropped < 0 || len(evs)+dropped > len(s) {
			t.Fatalf("%d events, %d dropped from %d bytes", len(evs), dropped, len(s))
		}
		checkEvents(t, s, evs)
	})
}

func FuzzParseSyslog(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		evs, err := logparse.ParseSyslog(bytes.NewReader([]byte(s)), "fuzz.log")
		if err != nil {
			t.Fatal(err)
		}
		checkEvents(t, s, evs)
	})
}
