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

// known stands for platform.Names(): this package must not import platform.
var known = baseline.LoadOptions{KnownPlatforms: []string{
	"juniper_junos", "arista_eos", "cisco_ios", "cisco_iosxe", "cisco_iosxr", "cisco_nxos",
}}

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
	require.GreaterOrEqual(t, len(paths), 11)
	for _, p := range paths {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "invalid-"), ".yaml")
		t.Run(name, func(t *testing.T) {
			set, err := baseline.Load(p, known)
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
	set, err := baseline.Load("testdata/valid", known)
	require.NoError(t, err)
	require.Equal(t, []string{
		"testdata/valid/10-iosxe.yaml", "testdata/valid/20-ios.yml", "testdata/valid/30-eos.yaml",
	}, set.Files(), "changes.yaml and README.md are skipped")
	require.Equal(t, []string{"arista_eos", "cisco_ios", "cisco_iosxe"}, set.Platforms())

	models := set.Models("cisco_iosxe")
	require.Len(t, models, 2)
	require.Equal(t, []string{"C9300-*", "C9*"}, []string{models[0].Pattern, models[1].Pattern})
	require.Equal(t, "testdata/valid/20-ios.yml", set.Models("cisco_ios")[0].File)
	require.Equal(t, 4, models[0].Line)

	m := models[0]
	require.Equal(t, []string{"17.9.1r[FC2]", "17.6.1r[FC2]"}, m.ROMMON.Approved, "whitespace trimmed")
	require.Equal(t, "cat9k_rommon.17.9.1r.pkg", m.ROMMON.Package.File)
	require.Equal(t, strings.ToLower(m.ROMMON.Package.SHA512), m.ROMMON.Package.SHA512, "sha512 lowercased")
	require.Len(t, m.ROMMON.Package.SHA512, 128)
	require.Equal(t, []string{"0x102", "0x2102"}, m.ConfigRegister, "0X2102 normalized")
	require.Equal(t, int64(8388608), m.Images[0].Size)
	require.Equal(t, int64(0), m.Images[1].Size, "size is optional")
	require.Nil(t, set.Models("cisco_ios")[0].ROMMON)

	require.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.10.0.0/16"), netip.MustParsePrefix("2001:db8::/32")},
		set.Policy.ManagementNetworks)
}

func TestMatch(t *testing.T) {
	set, err := baseline.Load("testdata/valid", known)
	require.NoError(t, err)
	tests := []struct {
		name, platform, model, want string
	}{
		{"first-glob-wins", "cisco_iosxe", "C9300-48P", "C9300-*"},
		{"second-entry", "cisco_iosxe", "C9500-24Y4C", "C9*"},
		{"from-second-file-star-crosses-slash", "cisco_ios", "CISCO2911/K9", "CISCO29[01]*"},
		{"class", "cisco_ios", "CISCO2901/K9", "CISCO29[01]*"},
		{"class-miss", "cisco_ios", "CISCO2921/K9", ""},
		{"surrounding-space", "cisco_iosxe", " C9300-24T\r\n", "C9300-*"},
		{"other-platform", "cisco_ios", "C9300-48P", ""},
		{"platform-without-baseline", "juniper_junos", "MX204", ""},
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
	require.False(t, set.HasPlatform("cisco_nxos"))
}

// TestLoadKnownPlatforms: the platform list comes from the caller; a caller
// that passes none gets an error for every platform, never a silent miss.
func TestLoadKnownPlatforms(t *testing.T) {
	_, err := baseline.Load("testdata/valid/30-eos.yaml", baseline.LoadOptions{})
	require.ErrorIs(t, err, baseline.ErrInvalid)
	require.EqualError(t, err, "invalid baseline:\n"+`testdata/valid/30-eos.yaml:1: platform: unknown "arista_eos" (known: none were given)`)

	set, err := baseline.Load("testdata/valid/30-eos.yaml", baseline.LoadOptions{KnownPlatforms: []string{"arista_eos"}})
	require.NoError(t, err)
	require.Equal(t, []string{"arista_eos"}, set.Platforms())
}

func TestLoadPaths(t *testing.T) {
	empty := t.TempDir()
	set, err := baseline.Load(empty, known)
	require.NoError(t, err, "an empty folder is an empty set")
	require.Empty(t, set.Platforms())

	_, err = baseline.Load(filepath.Join(empty, "missing"), known)
	require.ErrorIs(t, err, baseline.ErrInvalid)
	require.ErrorIs(t, err, os.ErrNotExist)
}

// TestLoadImageVersion: an image may name the OS version it installs
// (hand-written baseline).
func TestLoadImageVersion(t *testing.T) {
	p := filepath.Join(t.TempDir(), "eos.yaml")
	sha := strings.Repeat("ab", 64)
	require.NoError(t, os.WriteFile(p, []byte("platform: arista_eos\nmodels:\n  - model: \"DCS-*\"\n    images:\n"+
		"      - {file: EOS-4.28.3M.swi, sha512: \""+sha+"\", version: 4.28.3M}\n"+
		"      - {file: EOS-4.30.1F.swi, sha512: \""+sha+"\", version: \"4.30.1F\"}\n"+
		"      - {file: EOS-old.swi, sha512: \""+sha+"\"}\n"), 0o600))
	set, err := baseline.Load(p, baseline.LoadOptions{KnownPlatforms: []string{"arista_eos"}})
	require.NoError(t, err)
	m, ok := set.Match("arista_eos", "DCS-7050TX-64-R")
	require.True(t, ok)
	require.Equal(t, []string{"4.28.3M", "4.30.1F"}, m.ImageVersions())

	require.NoError(t, os.WriteFile(p, []byte("platform: arista_eos\nmodels:\n  - model: \"DCS-*\"\n    images:\n"+
		"      - {file: EOS-4.28.3M.swi, sha512: \""+sha+"\", version: [4]}\n"), 0o600))
	_, err = baseline.Load(p, baseline.LoadOptions{KnownPlatforms: []string{"arista_eos"}})
	require.ErrorIs(t, err, baseline.ErrInvalid)
	require.ErrorContains(t, err, "models[0].images[0].version")
}
