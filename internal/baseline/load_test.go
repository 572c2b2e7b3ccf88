package baseline_test

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

// wants returns the "# want: " lines of a file, or of every file of a folder.
func wants(t *testing.T, path string) []string {
	t.Helper()
	files := []string{path}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		files, err = filepath.Glob(filepath.Join(path, "*"))
		require.NoError(t, err)
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

// TestLoadBadBaselines loads every testdata/invalid-* file or folder and
// compares the whole error with the "# want:" lines it carries.
func TestLoadBadBaselines(t *testing.T) {
	paths, err := filepath.Glob("testdata/invalid-*")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 8)
	for _, p := range paths {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "invalid-"), ".yaml")
		t.Run(name, func(t *testing.T) {
			set, err := baseline.Load(p)
			require.Nil(t, set)
			require.ErrorIs(t, err, baseline.ErrInvalid)
			require.Equal(t, "invalid baseline:\n"+strings.Join(wants(t, p), "\n"), err.Error())
			var fe *baseline.FieldError
			require.ErrorAs(t, err, &fe)
			require.NotEmpty(t, fe.File)
		})
	}
}

func TestLoadValid(t *testing.T) {
	set, err := baseline.Load("testdata/valid")
	require.NoError(t, err)
	require.Equal(t, []string{
		"testdata/valid/10-iosxe.yaml", "testdata/valid/20-iosxe-routers.yml", "testdata/valid/30-ios.yaml",
	}, set.Files(), "changes.yaml and README.md are skipped")
	require.Equal(t, []string{"cisco_ios", "cisco_iosxe"}, set.Platforms())

	models := set.Models("cisco_iosxe")
	require.Len(t, models, 3, "models of one platform append across files")
	require.Equal(t, []string{"C9300-*", "C9*", "ISR4[34]*"}, []string{models[0].Pattern, models[1].Pattern, models[2].Pattern})
	require.Equal(t, "testdata/valid/20-iosxe-routers.yml", models[2].File)
	require.Equal(t, 4, models[0].Line)

	m := models[0]
	require.Equal(t, []string{"17.9.1r[FC2]", "17.6.1r[FC2]"}, m.ROMMON.Approved, "whitespace trimmed")
	require.Equal(t, "cat9k_rommon.17.9.1r.pkg", m.ROMMON.Package.File)
	require.Equal(t, strings.ToLower(m.ROMMON.Package.SHA512), m.ROMMON.Package.SHA512, "sha512 lowercased")
	require.Len(t, m.ROMMON.Package.SHA512, 128)
	require.Equal(t, []string{"0x102", "0x2102"}, m.ConfigRegister, "0X2102 normalized")
	require.Equal(t, int64(8388608), m.Images[0].Size)
	require.Equal(t, int64(0), m.Images[1].Size, "size is optional")
	require.Nil(t, models[2].ROMMON)

	require.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.10.0.0/16"), netip.MustParsePrefix("2001:db8::/32")},
		set.Policy.ManagementNetworks)
}

func TestMatch(t *testing.T) {
	set, err := baseline.Load("testdata/valid")
	require.NoError(t, err)
	tests := []struct {
		name, platform, model, want string
	}{
		{"first-glob-wins", "cisco_iosxe", "C9300-48P", "C9300-*"},
		{"second-entry", "cisco_iosxe", "C9500-24Y4C", "C9*"},
		{"from-second-file-star-crosses-slash", "cisco_iosxe", "ISR4331/K9", "ISR4[34]*"},
		{"class", "cisco_iosxe", "ISR4451-X", "ISR4[34]*"},
		{"class-miss", "cisco_iosxe", "ISR4221", ""},
		{"surrounding-space", "cisco_iosxe", " C9300-24T\r\n", "C9300-*"},
		{"other-platform", "cisco_ios", "C9300-48P", ""},
		{"unknown-platform", "juniper_junos", "MX204", ""},
		{"empty-model", "cisco_iosxe", "", ""},
		{"hostile-model", "cisco_iosxe", "C9300-\x1b[31m\x00", "C9300-*"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, ok := set.Match(tc.platform, tc.model)
			require.Equal(t, tc.want != "", ok)
			if ok {
				require.Equal(t, tc.want, m.Pattern)
			} else {
				require.Nil(t, m)
			}
		})
	}
	require.True(t, set.HasPlatform("cisco_ios"))
	require.False(t, set.HasPlatform("arista_eos"))
}

func TestLoadPaths(t *testing.T) {
	empty := t.TempDir()
	set, err := baseline.Load(empty)
	require.NoError(t, err, "an empty folder is an empty set")
	require.Empty(t, set.Platforms())

	_, err = baseline.Load(filepath.Join(empty, "missing"))
	require.ErrorIs(t, err, baseline.ErrInvalid)
	require.ErrorIs(t, err, os.ErrNotExist)
}
