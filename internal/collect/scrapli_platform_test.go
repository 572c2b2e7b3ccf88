package collect

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/options"
	splatform "github.com/scrapli/scrapligo/platform"
	"github.com/stretchr/testify/require"

	"fwaudit/internal/platform"
)

// TestScrapliDefMatchesNewPlatform checks that a driver built from the
// cached definition is configured like one from scrapligo's NewPlatform,
// and that two drivers do not share privilege levels.
func TestScrapliDefMatchesNewPlatform(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range platform.Names() {
		p, err := platform.Lookup(name)
		require.NoError(t, err)
		sp := p.ScrapliPlatform
		if sp == "" || seen[sp] {
			continue
		}
		seen[sp] = true
		t.Run(sp, func(t *testing.T) {
			name := sp
			if b, err := ownDefs.ReadFile("scrapli/" + sp + ".yaml"); err == nil { // ours: NewPlatform reads it from a file
				name = filepath.Join(t.TempDir(), sp+".yaml")
				require.NoError(t, os.WriteFile(name, b, 0o600))
			}
			ref, err := splatform.NewPlatform(name, "192.0.2.1", options.WithAuthUsername("u"))
			require.NoError(t, err)
			want, err := ref.GetNetworkDriver()
			require.NoError(t, err)

			def, err := loadScrapliDef(sp)
			require.NoError(t, err)
			a, err := newDriverFromDef(def)
			require.NoError(t, err)
			b, err := newDriverFromDef(def)
			require.NoError(t, err)

			require.Equal(t, want.DefaultDesiredPriv, a.DefaultDesiredPriv)
			require.Equal(t, want.Channel.UsernamePattern.String(), a.Channel.UsernamePattern.String())
			require.Equal(t, want.Channel.PasswordPattern.String(), a.Channel.PasswordPattern.String())
			require.Equal(t, want.FailedWhenContains, a.FailedWhenContains)
			require.Equal(t, want.OnOpen != nil, a.OnOpen != nil)
			// Read-only: the default level and the levels below it, as scrapligo defines them.
			var chain []string
			for k := want.DefaultDesiredPriv; k != ""; k = want.PrivilegeLevels[k].PreviousPriv {
				chain = append(chain, k)
			}
			require.ElementsMatch(t, chain, slices.Collect(maps.Keys(a.PrivilegeLevels)))
			for _, k := range chain {
				lvl := want.PrivilegeLevels[k]
				require.Equal(t, lvl.Pattern, a.PrivilegeLevels[k].Pattern, k)
				require.Equal(t, lvl.Escalate, a.PrivilegeLevels[k].Escalate, k)
				require.NotSame(t, a.PrivilegeLevels[k], b.PrivilegeLevels[k], "drivers share level %s", k)
			}
			for k, lvl := range a.PrivilegeLevels {
				require.NotContains(t, lvl.Escalate, "conf", "level %s escalates into configuration", k)
			}
		})
	}
	require.NotEmpty(t, seen)
}

func TestScrapliDefUnknown(t *testing.T) {
	_, err := loadScrapliDef("no_such_platform")
	require.Error(t, err)
	_, err = loadScrapliDef("no_such_platform") // cached failure
	require.ErrorContains(t, err, "no_such_platform")
}

func newDriverFromDef(d *scrapliDef) (*network.Driver, error) {
	return network.NewDriver("192.0.2.1", d.driverOptions(options.WithAuthUsername("u"))...)
}

func TestReadOnlyLevels(t *testing.T) {
	all := network.PrivilegeLevels{
		"exec":           {Name: "exec"},
		"privilege-exec": {Name: "privilege-exec", PreviousPriv: "exec", Escalate: "enable"},
		"configuration":  {Name: "configuration", PreviousPriv: "privilege-exec", Escalate: "configure terminal"},
		"tclsh":          {Name: "tclsh", PreviousPriv: "privilege-exec", Escalate: "tclsh"},
	}
	got, err := readOnlyLevels(all, "privilege-exec")
	require.NoError(t, err)
	require.ElementsMatch(t, []string{"exec", "privilege-exec"}, slices.Collect(maps.Keys(got)))

	_, err = readOnlyLevels(all, "enable")
	require.ErrorContains(t, err, `privilege level "enable" is not defined`)

	loop := network.PrivilegeLevels{"a": {Name: "a", PreviousPriv: "b"}, "b": {Name: "b", PreviousPriv: "a"}}
	_, err = readOnlyLevels(loop, "a")
	require.ErrorContains(t, err, "loops")
}
