package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
)

// Set at build time: go build -ldflags "-X main.version=v1.2.3 -X main.commit=… -X main.date=…"
// (see the Makefile's release target). Empty values fall back to the
// module and VCS information Go embeds (runtime/debug.ReadBuildInfo).
var (
	version string
	commit  string
	date    string
)

// buildInfo is what `fwaudit version` prints.
type buildInfo struct {
	Version, Commit, Date, Go, Platform string
	Modified                            bool
}

func currentBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date, Go: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
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
				b.Modified = s.Value == "true" && commit == ""
			}
		}
	}
	if b.Version == "" {
		b.Version = "devel"
	}
	return b
}

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, build date and Go version",
		Long: `Print the version, commit, build date and Go version of this binary.
Release builds are reproducible: rebuild the same commit with 'make release'
and compare the SHA-256 with SHA256SUMS.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeVersion(cmd.OutOrStdout(), currentBuild())
		},
	}
}

func writeVersion(w io.Writer, b buildInfo) error {
	c := b.Commit
	if c == "" {
		c = "unknown"
	}
	if b.Modified {
		c += " (modified)"
	}
	d := b.Date
	if d == "" {
		d = "unknown"
	}
	_, err := fmt.Fprintf(w, "fwaudit %s\ncommit:   %s\nbuilt:    %s\ngo:       %s\nplatform: %s\n", b.Version, c, d, b.Go, b.Platform)
	if err != nil {
		return fmt.Errorf("write version: %w", err)
	}
	return nil
}

// setVersionFlag gives the root command --version, printing the same text
// as `fwaudit version` (cobra prints the template, which here is one Go
// string literal: nothing in the version text is read as template syntax).
func setVersionFlag(root *cobra.Command) {
	var b strings.Builder
	if err := writeVersion(&b, currentBuild()); err != nil {
		return
	}
	root.Version = currentBuild().Version
	root.SetVersionTemplate("{{" + strconv.Quote(b.String()) + "}}")
	root.Flags().BoolP("version", "v", false, "print the version, commit, build date and Go version (as `fwaudit version`)")
}
