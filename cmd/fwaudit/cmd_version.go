package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"fwaudit/internal/version"
)

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit, build date and Go version",
		Long: `Print the version, commit, build date and Go version of this binary.
Release builds are reproducible: rebuild the same commit with 'make release'
and compare the SHA-256 with SHA256SUMS.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeVersion(cmd.OutOrStdout(), version.Current())
		},
	}
}

func writeVersion(w io.Writer, b version.Info) error {
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
	if err := writeVersion(&b, version.Current()); err != nil {
		return
	}
	root.Version = version.Current().String()
	root.SetVersionTemplate("{{" + strconv.Quote(b.String()) + "}}")
	root.Flags().BoolP("version", "v", false, "print the version, commit, build date and Go version (as `fwaudit version`)")
}
