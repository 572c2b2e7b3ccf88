package inventory_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

// unusableWants returns the "# unusable: NAME: reason" lines of a file.
func unusableWants(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	out := map[string]string{}
	for l := range strings.Lines(string(b)) {
		if w, ok := strings.CutPrefix(l, "# unusable: "); ok {
			name, why, _ := strings.Cut(strings.TrimRight(w, "\n"), ": ")
			out[name] = why
		}
	}
	require.NotEmpty(t, out, "%s has no '# unusable:' lines", path)
	return out
}

// TestLoadUnusableDevices: a secret that cannot be resolved makes only the
// devices that use it unusable, with a reason naming the file, line,
// device or credentials entry, field and variable or file; the rest load.
// The reason never carries a secret.
func TestLoadUnusableDevices(t *testing.T) {
	paths, err := filepath.Glob("testdata/unusable-*.yaml")
	require.NoError(t, err)
	require.Len(t, paths, 2)
	for _, p := range paths {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "unusable-"), ".yaml"), func(t *testing.T) {
			inv, err := inventory.Load(p, inventory.LoadOptions{Getenv: getenv(testEnv)})
			require.NoError(t, err)
			want := unusableWants(t, p)
			got := map[string]string{}
			usable := 0
			for _, d := range inv.Devices {
				if d.Unusable != "" {
					got[d.Name] = d.Unusable
				} else {
					usable++
				}
				for _, secret := range testEnv {
					if secret != "" {
						require.NotContains(t, d.Unusable, secret)
					}
				}
			}
			require.Equal(t, want, got)
			require.Equal(t, len(inv.Devices)-len(want), usable)
			require.GreaterOrEqual(t, usable, 1, "the other devices load")
		})
	}
}

// TestLoadUnresolvedWithSchemaErrors: when the file has a schema error the
// load fails, and the unresolved secrets are named too (one run, every fix).
func TestLoadUnresolvedWithSchemaErrors(t *testing.T) {
	_, err := inventory.Load("testdata/invalid-files.yaml", inventory.LoadOptions{Getenv: getenv(testEnv)})
	require.ErrorIs(t, err, inventory.ErrInvalid)
	require.ErrorContains(t, err, `testdata/invalid-files.yaml:4: credentials "lab": password_file: cannot read`)
}

// TestSourceUnusableDevices: one host a foreign source describes unusably
// (unknown platform, bad address, no address, no or a bad name) is an
// unusable device with the reason; the source's other hosts load.
func TestSourceUnusableDevices(t *testing.T) {
	tests := []struct {
		name, path string
		want       map[string]string
		usable     []string
	}{
		{name: "ansible-platform-and-address", path: "ansible:testdata/sources/invalid/platform.ini?defaults=testdata/sources/defaults-only.yaml",
			want: map[string]string{
				"r1": `testdata/sources/invalid/platform.ini:2: device "r1": ansible_network_os: unknown "vyos.vyos.vyos"`,
				"r2": `testdata/sources/invalid/platform.ini:3: device "r2": ansible_host: "not an address!" is neither an IP address nor a host name`,
			},
			usable: []string{"r3"}},
		{name: "oxidized", path: "oxidized:testdata/sources/invalid/router.db?map=name,ip,model&defaults=testdata/sources/defaults-only.yaml",
			want: map[string]string{
				"sw1":      `testdata/sources/invalid/router.db:2: device "sw1": model: unknown "procurve"`,
				`"line 3"`: `testdata/sources/invalid/router.db:3: line 3: name: device name required`,
			}},
		{name: "netbox", path: "netbox:testdata/sources/invalid/netbox.json?defaults=testdata/sources/defaults-only.yaml",
			want: map[string]string{
				"no-ip-01":            `testdata/sources/invalid/netbox.json: device "no-ip-01": primary_ip: required`,
				`"results[1] (id 8)"`: `testdata/sources/invalid/netbox.json: results[1] (id 8): name: device name required`,
				`"bad name"`:          `testdata/sources/invalid/netbox.json: results[2] (id 9): name: "bad name" is not a valid name`,
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inv, err := inventory.Load(tc.path, inventory.LoadOptions{Getenv: sourceEnv()})
			require.NoError(t, err)
			got := map[string]string{}
			var usable []string
			for _, d := range inv.Devices {
				if d.Unusable == "" {
					usable = append(usable, d.Name)
					continue
				}
				require.Empty(t, d.Address, "an unusable device is never reached")
				got[d.Name] = d.Unusable
			}
			for name, w := range tc.want {
				require.Contains(t, got, name)
				require.True(t, strings.HasPrefix(got[name], w), "%s: %q", name, got[name])
			}
			require.Len(t, got, len(tc.want))
			require.Equal(t, tc.usable, usable)
		})
	}
}
