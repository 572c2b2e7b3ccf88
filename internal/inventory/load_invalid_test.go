package inventory_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
	"fwaudit/internal/textsafe"
)

// testEnv is the environment every test loads with.
var testEnv = map[string]string{
	"FWAUDIT_PASSWORD":  "s3cret-pass",
	"FWAUDIT_ENABLE":    "s3cret-enable",
	"FWAUDIT_COMMUNITY": "s3cret-community",
	"FWAUDIT_SNMP_AUTH": "s3cret-auth",
	"FWAUDIT_SNMP_PRIV": "s3cret-priv",
	"FWAUDIT_EMPTY":     "",
}

func getenv(env map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := env[k]; return v, ok }
}

// wants returns the "# want: " lines of a test file, or of every file in a folder.
func wants(t *testing.T, path string) []string {
	t.Helper()
	files := []string{path}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		files, _ = filepath.Glob(filepath.Join(path, "*.y*ml"))
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for l := range strings.Lines(string(b)) {
			if w, ok := strings.CutPrefix(l, "# want: "); ok {
				out = append(out, strings.TrimRight(w, "\n"))
			}
		}
	}
	require.NotEmpty(t, out, "%s has no '# want:' lines", path)
	return out
}

// TestLoadBadConfigs loads every testdata/invalid-* file or folder and
// compares the whole error with the "# want:" lines it carries.
func TestLoadBadConfigs(t *testing.T) {
	paths, err := filepath.Glob("testdata/invalid-*")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 10)
	for _, p := range paths {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "invalid-"), ".yaml")
		t.Run(name, func(t *testing.T) {
			inv, err := inventory.Load(p, inventory.LoadOptions{Getenv: getenv(testEnv)})
			require.Nil(t, inv)
			require.ErrorIs(t, err, inventory.ErrInvalid)
			want := "invalid inventory:\n" + strings.Join(wants(t, p), "\n")
			require.Equal(t, want, err.Error())

			var fe *inventory.FieldError
			require.ErrorAs(t, err, &fe)
			for l := range strings.Lines(err.Error()) {
				require.True(t, textsafe.IsSafe(strings.TrimSuffix(l, "\n")), "unsafe line %q", l)
			}
			for _, s := range testEnv {
				if s != "" {
					require.NotContains(t, err.Error(), s)
				}
			}
		})
	}
}

func TestLoadBadPaths(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "README.md"), []byte("no yaml here"), 0o600))
	tests := []struct {
		name, path, want string
	}{
		{"missing-file", filepath.Join(dir, "nope.yaml"), "no such file or directory"},
		{"folder-without-yaml", dir, "no *.yaml or *.yml files in"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := inventory.Load(tc.path, inventory.LoadOptions{})
			require.ErrorIs(t, err, inventory.ErrInvalid)
			require.ErrorContains(t, err, tc.want)
			var fe *inventory.FieldError
			require.False(t, errors.As(err, &fe))
		})
	}
}
