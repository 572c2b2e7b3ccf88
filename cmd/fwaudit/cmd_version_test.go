package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/report"
	"fwaudit/internal/version"
)

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "version", "--config", os.DevNull)
	require.Equal(t, exitOK, code)
	require.True(t, strings.HasPrefix(out, "fwaudit "), out)
	require.Contains(t, out, "go:       "+runtime.Version())
	require.Contains(t, out, "platform: "+runtime.GOOS+"/"+runtime.GOARCH)
}

func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "__start_fwaudit", "zsh": "#compdef fwaudit", "fish": "complete -c fwaudit",
	} {
		t.Run(shell, func(t *testing.T) {
			code, out, stderr := run(t, "completion", shell, "--config", os.DevNull)
			require.Equal(t, exitOK, code, stderr)
			require.Contains(t, out, want)
		})
	}
}

func TestManPages(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600") // 2026-01-01
	code, _, stderr := run(t, "man", dir, "--config", os.DevNull)
	require.Equal(t, exitOK, code, stderr)
	root, err := os.ReadFile(filepath.Join(dir, "fwaudit.1"))
	require.NoError(t, err)
	require.Contains(t, string(root), `.TH "FWAUDIT" "1" "2026-01-01"`)
	require.Contains(t, string(root), `fwaudit\-sweep(1)`)
	sweep, err := os.ReadFile(filepath.Join(dir, "fwaudit-sweep.1"))
	require.NoError(t, err)
	require.Contains(t, string(sweep), `\fB\-i\fP, \fB\-\-inventory\fP \fIstring\fP`)
	require.Contains(t, string(sweep), "EXIT STATUS")
	home, _ := os.UserHomeDir()
	require.NotContains(t, string(sweep), home+"/", "no builder-specific paths")
	_, err = os.Stat(filepath.Join(dir, "fwaudit-completion-bash.1"))
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(dir, "fwaudit-man.1"))
	require.True(t, os.IsNotExist(err), "the hidden man command has no page")
}

// TestVersionFlag: `fwaudit --version` (and -v) print what `fwaudit version` prints.
// (The release stamp itself is tested by TestReleaseReproducible, which
// builds with the Makefile's -X flags.)
func TestVersionFlag(t *testing.T) {
	_, want, _ := run(t, "version", "--config", os.DevNull)
	require.Contains(t, want, "fwaudit "+version.Current().Version+"\n")
	for _, flag := range []string{"--version", "-v"} {
		code, out, stderr := run(t, flag, "--config", os.DevNull)
		require.Equal(t, exitOK, code, stderr)
		require.Equal(t, want, out, flag)
	}
}

// TestOutputHelpListsFormats: the shared -o help names every report format.
func TestOutputHelpListsFormats(t *testing.T) {
	code, out, _ := run(t, "sweep", "--help", "--config", os.DevNull)
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "output format: "+strings.Join(report.Formats, "|"))
	for _, f := range report.Formats {
		require.Contains(t, out, f)
	}
}
