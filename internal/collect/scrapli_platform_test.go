package collect

import (
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/scrapli/scrapligo/assets"
	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/options"
	splatform "github.com/scrapli/scrapligo/platform"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

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
				want, err := unboundPrompt(lvl.Pattern)
				require.NoError(t, err)
				require.Equal(t, want, a.PrivilegeLevels[k].Pattern, k)
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

// promptLevels returns every privilege level pattern fwaudit drives, as
// scrapligo (or our own definition) writes it.
func promptLevels(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range platform.Names() {
		p, err := platform.Lookup(name)
		require.NoError(t, err)
		if p.ScrapliPlatform == "" {
			continue
		}
		b, err := ownDefs.ReadFile("scrapli/" + p.ScrapliPlatform + ".yaml")
		if err != nil {
			b, err = assets.Assets.ReadFile("platforms/" + p.ScrapliPlatform + ".yaml")
		}
		require.NoError(t, err)
		var d splatform.Definition
		require.NoError(t, yaml.Unmarshal(b, &d))
		levels, err := readOnlyLevels(d.Default.PrivilegeLevels, d.Default.DefaultDesiredPrivilegeLevel)
		require.NoError(t, err)
		for k, lvl := range levels {
			out[p.ScrapliPlatform+"/"+k] = lvl.Pattern
		}
	}
	require.NotEmpty(t, out)
	return out
}

// TestUnboundPromptSameMatches checks the rewritten prompt patterns
// against scrapligo's own: real prompts match both, non-prompts neither,
// and on random text whose lines fit a hostname bound (63) the two
// always agree. Only a longer prompt-shaped line tells them apart.
func TestUnboundPromptSameMatches(t *testing.T) {
	prompts := []string{
		"Router>", "Router#", "core-sw01.dc1#", "edge-rtr-01>", "RP/0/RSP0/CPU0:xr-pe1#",
		"asa-fw1/pri/act#", "asa-fw1>", "user@mx480-re0>", "{master:0}\nuser@mx480-re0>",
		"nx-93180#", "eos-leaf1>", "eos-leaf1#",
	}
	nonPrompts := []string{
		"", "Router", "Router #", "show version", "Cisco IOS Software, Version 17.9.4a#x",
		"Router(config)#", "Router(config-if)#", "% Invalid input detected at '^' marker.",
	}
	levels := promptLevels(t)
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aZ09_.-@/:()> #{}\n$%[]*+\t"
	for name, orig := range levels {
		t.Run(name, func(t *testing.T) {
			rewritten, err := unboundPrompt(orig)
			require.NoError(t, err)
			o, r := regexp.MustCompile(orig), regexp.MustCompile(rewritten)
			require.Less(t, len(r.String()), len(orig)+64, "rewrite should not grow the pattern much")
			matched := 0
			for _, p := range prompts {
				require.Equal(t, o.MatchString(p), r.MatchString(p), "prompt %q", p)
				if o.MatchString(p) {
					matched++
				}
			}
			require.Positive(t, matched, "no real prompt matches %s", name)
			for _, p := range nonPrompts {
				require.Equal(t, o.MatchString(p), r.MatchString(p), "non-prompt %q", p)
			}
			for i := 0; i < 20000; i++ {
				s := randomLines(rng, alphabet, 63)
				require.Equal(t, o.MatchString(s), r.MatchString(s), "%q", s)
			}
			long := strings.Repeat("r", 70) + "#"
			if o.MatchString(strings.Repeat("r", 10)+"#") && !o.MatchString(long) {
				require.True(t, r.MatchString(long), "the only difference: a prompt longer than 63 characters")
			}
			if strings.Contains(orig, "{1,63}") {
				require.NotContains(t, rewritten, "63")
			}
		})
	}
}

// randomLines returns up to four lines of random characters from
// alphabet, each at most max bytes long, biased towards prompt shapes.
func randomLines(rng *rand.Rand, alphabet string, max int) string {
	var b strings.Builder
	for n := rng.IntN(4); n >= 0; n-- {
		l := rng.IntN(max + 1)
		for i := 0; i < l; i++ {
			if rng.IntN(3) > 0 {
				b.WriteByte("abcRT019-."[rng.IntN(10)])
				continue
			}
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		if n > 0 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestUnboundPrompt(t *testing.T) {
	for in, want := range map[string]string{
		`^[a-z]{1,63}>$`:      `^[a-z]+>$`,
		`^x{0,32}y$`:          `^x*y$`,
		`^(a\n){0,1}b{0,3}c$`: `^(a\n){0,1}b{0,3}c$`,
		`^a{2,63}$`:           `^a{2,63}$`,
	} {
		got, err := unboundPrompt(in)
		require.NoError(t, err)
		norm, err := syntax.Parse(want, syntax.Perl) // printed back as unboundPrompt prints
		require.NoError(t, err)
		require.Equal(t, norm.String(), got, in)
	}
	_, err := unboundPrompt(`^[a-z{1,63}`)
	require.ErrorContains(t, err, "prompt pattern")
}
