package baseline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

// TestLoadImageSHA256 covers the optional sha256 of an image: alone (the
// Junos case, sha512 then not required) or beside sha512, lowercased.
func TestLoadImageSHA256(t *testing.T) {
	a64, b128 := "A"+strings.Repeat("a", 63), strings.Repeat("b", 128)
	dir := t.TempDir()
	doc := "platform: juniper_junos\nmodels:\n  - model: \"mx*\"\n    images:\n" +
		"      - {file: a.tgz, sha256: \"" + a64 + "\"}\n" +
		"      - {file: b.tgz, sha256: \"" + a64 + "\", sha512: \"" + b128 + "\"}\n" +
		"      - {file: c.tgz, sha512: \"" + b128 + "\"}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "junos.yaml"), []byte(doc), 0o600))
	set, err := baseline.Load(dir, known)
	require.NoError(t, err)
	m := set.Models("juniper_junos")[0]
	require.Equal(t, []baseline.Image{
		{File: "a.tgz", SHA256: strings.Repeat("a", 64)},
		{File: "b.tgz", SHA256: strings.Repeat("a", 64), SHA512: b128},
		{File: "c.tgz", SHA512: b128},
	}, m.Images)
}
