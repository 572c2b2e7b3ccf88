package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// recorder is a testing.TB that records failures instead of stopping the test.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg += fmt.Sprintf(format, args...)
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recorder) FailNow()                          { r.failed = true }

func TestAssert(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.golden")
	require.NoError(t, os.WriteFile(path, []byte("line one\nline two\n"), 0o644))

	tests := []struct {
		name     string
		path     string
		got      string
		wantFail bool
		wantMsg  string
	}{
		{name: "equal", path: path, got: "line one\nline two\n"},
		{name: "differs", path: path, got: "line one\nline 2\n", wantFail: true, wantMsg: "line 2"},
		{name: "missing", path: filepath.Join(dir, "none.golden"), got: "x", wantFail: true, wantMsg: "-update"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Assert(r, tc.path, []byte(tc.got))
			require.Equal(t, tc.wantFail, r.failed, r.msg)
			require.Contains(t, r.msg, tc.wantMsg)
		})
	}
}

func TestAssertUpdateWrites(t *testing.T) {
	old := *update
	*update = true
	t.Cleanup(func() { *update = old })

	path := filepath.Join(t.TempDir(), "sub", "v.golden.json")
	AssertJSON(t, path, map[string]any{"b": 1, "a": "<x>"})
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "{\n  \"a\": \"<x>\",\n  \"b\": 1\n}\n", string(got))

	*update = false
	r := &recorder{TB: t}
	AssertJSON(r, path, map[string]any{"a": "<x>", "b": 1})
	require.False(t, r.failed, r.msg)
	AssertJSON(r, path, map[string]any{"a": "<y>", "b": 1})
	require.True(t, r.failed)
}
