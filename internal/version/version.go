// Package version identifies the running fwaudit binary: the release
// version stamped by the Makefile, else the module and VCS information the
// Go toolchain embeds in every go build / go install.
package version

import (
	"runtime"
	"runtime/debug"
)

// Set at build time by the Makefile's release target:
// -ldflags "-X fwaudit/internal/version.version=v1.2.3 -X …commit=… -X …date=…".
var (
	version string
	commit  string
	date    string
)

// Info describes one build.
type Info struct {
	Version  string `json:"version"`
	Commit   string `json:"commit,omitempty"`
	Date     string `json:"date,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	Go       string `json:"go"`
	Platform string `json:"platform"`
}

// Current is the running binary's build.
func Current() Info {
	bi, _ := debug.ReadBuildInfo()
	return current(bi, version, commit, date)
}

func current(bi *debug.BuildInfo, stampedVersion, stampedCommit, stampedDate string) Info {
	b := Info{Version: stampedVersion, Commit: stampedCommit, Date: stampedDate,
		Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if b.Commit == "" {
					b.Commit = s.Value
				}
			case "vcs.time":
				if b.Date == "" {
					b.Date = s.Value
				}
			case "vcs.modified":
				b.Modified = s.Value == "true" && stampedCommit == ""
			}
		}
	}
	if b.Version == "" {
		b.Version = "devel"
	}
	return b
}

// String is the short identity recorded in the store, CEF and evidence:
// the version, and for an unreleased build the commit it was built from
// ("devel+3f2a9c1e0b7d", "+dirty" when the tree was modified). Any go build
// inside the repository is identified; only a build with neither a stamp
// nor VCS information is plain "devel".
func (b Info) String() string {
	s := b.Version
	if b.Version == "devel" && b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		s += "+" + c
	}
	if b.Modified {
		s += "+dirty"
	}
	return s
}
