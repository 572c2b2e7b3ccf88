package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fwaudit/internal/testpeer"

	"github.com/stretchr/testify/require"
)

// releaseFlags mirror the Makefile's release build.
var releaseFlags = []string{"build", "-trimpath", "-buildvcs=false",
	"-ldflags", "-s -w -buildid= -X fwaudit/internal/version.version=v0.0.0-test -X fwaudit/internal/version.commit=0000000 -X fwaudit/internal/version.date=2026-01-01T00:00:00Z"}

func sha256File(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// TestReproducibleBuild builds the command twice, from different working
// directories into different folders, and compares the SHA-256: an
// integrity tool must itself be verifiable.
func TestReproducibleBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary twice; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	var sums []string
	for i := range 2 {
		dir := t.TempDir()
		out := filepath.Join(dir, "fwaudit")
		cmd := exec.Command(goBin, append(releaseFlags, "-o", out, ".")...)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if i == 1 { // from the module root: where it is built from does not matter
			cmd = exec.Command(goBin, append(releaseFlags, "-o", out, "./cmd/fwaudit")...)
			cmd.Env, cmd.Dir = append(os.Environ(), "CGO_ENABLED=0"), filepath.Join("..", "..")
		}
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", b)
		sums = append(sums, sha256File(t, out))
		v, err := exec.Command(out, "version", "--config", os.DevNull).Output()
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(string(v), "fwaudit v0.0.0-test\ncommit:   0000000\nbuilt:    2026-01-01T00:00:00Z\n"), "%s", v)
	}
	require.Equal(t, sums[0], sums[1], "two builds of the same source differ")
}

// TestMakeInstall runs `make install` into a DESTDIR and checks that the
// binary, the completions and the man pages are in place and work.
func TestMakeInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and installs; skipped with -short")
	}
	testpeer.Require(t, "apt-get install -y make", "make")
	dest := t.TempDir()
	bin := t.TempDir()
	cmd := exec.Command("make", "--no-print-directory", "install", "DESTDIR="+dest, "PREFIX=/usr/local", "BIN="+bin,
		"VERSION=v0.0.0-test", "SOURCE_DATE_EPOCH=1767225600")
	cmd.Dir = filepath.Join("..", "..")
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", b)
	prefix := filepath.Join(dest, "usr", "local")
	for _, f := range []string{"bin/fwaudit", "share/man/man1/fwaudit.1", "share/man/man1/fwaudit-sweep.1",
		"share/bash-completion/completions/fwaudit", "share/zsh/site-functions/_fwaudit",
		"share/fish/vendor_completions.d/fwaudit.fish"} {
		st, err := os.Stat(filepath.Join(prefix, f))
		require.NoError(t, err, f)
		require.NotZero(t, st.Size(), f)
	}
	st, _ := os.Stat(filepath.Join(prefix, "bin", "fwaudit"))
	require.Equal(t, os.FileMode(0o755), st.Mode().Perm())
	v, err := exec.Command(filepath.Join(prefix, "bin", "fwaudit"), "version", "--config", os.DevNull).Output()
	require.NoError(t, err)
	require.Contains(t, string(v), "fwaudit v0.0.0-test\n")
	require.Contains(t, string(v), "built:    2026-01-01T00:00:00Z")
	if _, err := exec.LookPath("man"); err == nil {
		out, err := exec.Command("man", "-l", filepath.Join(prefix, "share/man/man1/fwaudit-sweep.1")).CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
}

// TestPlainBuildIsIdentified: a plain `go build` in the checkout, with no
// ldflags, names the commit it was built from (runtime/debug build info),
// in `fwaudit version` and in the short form the store, CEF and evidence
// record.
func TestPlainBuildIsIdentified(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	git := testpeer.Require(t, "apt-get install -y git", "git")
	head, err := exec.Command(git, "rev-parse", "HEAD").Output()
	if err != nil {
		testpeer.SkipOrFail(t, "not a git checkout: the toolchain has no commit to stamp (run from a git clone)")
	}
	out := filepath.Join(t.TempDir(), "fwaudit")
	// -buildvcs=true: what a plain go build does in a checkout (auto),
	// whatever a GOFLAGS in the environment says.
	cmd := exec.Command(goBin, "build", "-buildvcs=true", "-o", out, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", b)
	v, err := exec.Command(out, "version", "--config", os.DevNull).Output()
	require.NoError(t, err)
	require.Contains(t, string(v), "commit:   "+strings.TrimSpace(string(head)), "%s", v)
	require.NotContains(t, string(v), "built:    unknown")
}
