package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Assert compares got with the golden file at path. With -update it writes
// got to path instead (creating directories as needed). A missing golden
// file fails the test and says how to create it.
func Assert(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Fatalf("golden file %s missing: run go test -update and review the diff", path)
	}
	require.NoError(t, err)
	// Compare as strings so a mismatch prints a readable line diff.
	require.Equal(t, string(want), string(got), "golden file %s differs (go test -update rewrites it)", path)
}

// AssertJSON marshals v as indented JSON (two spaces, trailing newline, map
// keys sorted by encoding/json, HTML left unescaped) and compares it with the
// golden file at path, as Assert does.
func AssertJSON(t testing.TB, path string, v any) {
	t.Helper()
	got, err := MarshalJSON(v)
	require.NoError(t, err)
	Assert(t, path, got)
}

// MarshalJSON is the stable encoding AssertJSON writes.
func MarshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
