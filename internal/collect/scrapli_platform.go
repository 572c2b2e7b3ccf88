package collect

import (
	"embed"
	"fmt"
	"regexp/syntax"
	"strings"
	"sync"

	"github.com/scrapli/scrapligo/assets"
	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/options"
	splatform "github.com/scrapli/scrapligo/platform"
	"github.com/scrapli/scrapligo/util"
	"gopkg.in/yaml.v3"
)

// scrapliDef is a scrapligo platform definition parsed once: the options
// it stands for (prompt regexes compiled, on-open steps) and its privilege
// levels, which each driver gets a copy of.
type scrapliDef struct {
	opts  []util.Option
	privs network.PrivilegeLevels
}

// scrapliDefs caches parsed definitions by scrapli platform name.
// splatform.NewPlatform parses the embedded YAML and compiles its regexes
// on every call: per device, that was ~3% of a sweep's CPU.
var scrapliDefs sync.Map // string → *scrapliDef or error

// loadScrapliDef returns the cached definition of name, parsing it the
// first time. A failed parse is cached too (the assets never change).
func loadScrapliDef(name string) (*scrapliDef, error) {
	if v, ok := scrapliDefs.Load(name); ok {
		return cachedDef(v)
	}
	v, _ := scrapliDefs.LoadOrStore(name, parseScrapliDef(name))
	return cachedDef(v)
}

func cachedDef(v any) (*scrapliDef, error) {
	if err, ok := v.(error); ok {
		return nil, err
	}
	return v.(*scrapliDef), nil
}

// ownDefs are the scrapligo platform definitions fwaudit ships where
// scrapligo has none (scrapli/cisco_asa.yaml); they win over its assets.
//
//go:embed scrapli/*.yaml
var ownDefs embed.FS

func parseScrapliDef(name string) any {
	f := name
	if !strings.HasSuffix(f, ".yaml") {
		f += ".yaml"
	}
	b, err := ownDefs.ReadFile("scrapli/" + f)
	if err != nil {
		b, err = assets.Assets.ReadFile("platforms/" + f)
	}
	if err != nil {
		return fmt.Errorf("scrapli platform %q: %w", name, err)
	}
	var d splatform.Definition
	if err := yaml.Unmarshal(b, &d); err != nil {
		return fmt.Errorf("scrapli platform %q: %w", name, err)
	}
	if d.Default == nil || d.Default.DriverType != "network" {
		return fmt.Errorf("scrapli platform %q: not a network driver platform", name)
	}
	privs, err := readOnlyLevels(d.Default.PrivilegeLevels, d.Default.DefaultDesiredPrivilegeLevel)
	if err != nil {
		return fmt.Errorf("scrapli platform %q: %w", name, err)
	}
	for k, lvl := range privs {
		if lvl.Pattern, err = unboundPrompt(lvl.Pattern); err != nil {
			return fmt.Errorf("scrapli platform %q: privilege level %q: %w", name, k, err)
		}
	}
	return &scrapliDef{opts: d.Default.AsOptions(), privs: privs}
}

// readOnlyLevels keeps the privilege levels fwaudit may be in: the
// default desired level (IOS "privilege-exec", XR / Junos "exec") and
// the levels below it, following previous-priv. Configuration, tclsh
// and shell levels are dropped, so the driver cannot escalate into them
// (fwaudit is read-only) and the prompt pattern scrapligo joins from
// every level, compiles for each driver and matches on every read is
// half the size (each level's {1,63} repeat compiles to ~63 instructions).
func readOnlyLevels(all network.PrivilegeLevels, top string) (network.PrivilegeLevels, error) {
	keep := network.PrivilegeLevels{}
	for name := top; name != ""; {
		lvl, ok := all[name]
		if !ok {
			return nil, fmt.Errorf("privilege level %q is not defined", name)
		}
		if _, loop := keep[name]; loop {
			return nil, fmt.Errorf("privilege level %q: previous-priv loops", name)
		}
		keep[name] = lvl
		name = lvl.PreviousPriv
	}
	return keep, nil
}

// longRepeat is the smallest counted-repeat bound unboundPrompt drops.
const longRepeat = 16

// unboundPrompt rewrites a prompt pattern's long counted repeats,
// x{0,n} and x{1,n} with n ≥ longRepeat, as x* and x+. scrapligo
// compiles every level's pattern, and their join, for each driver and
// once more while escalating: a bounded repeat compiles to n copies of
// its class, so the 63-character hostname bounds of scrapligo's
// definitions made compiling them ~4% of a sweep's CPU, and the longer
// program is slower to match on every read too. The bound only kept
// prompt-shaped lines longer than a hostname from counting as prompts;
// it is no defence (a device that lies can print a short prompt as
// well), and the patterns are otherwise unchanged. The result is the
// parsed pattern printed back, so it reads differently (case folding is
// spelt out in the classes) but means the same.
func unboundPrompt(pattern string) (string, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", fmt.Errorf("prompt pattern %q: %w", pattern, err)
	}
	var walk func(*syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		if re.Op == syntax.OpRepeat && re.Min <= 1 && re.Max >= longRepeat {
			re.Op = syntax.OpStar
			if re.Min == 1 {
				re.Op = syntax.OpPlus
			}
			re.Min, re.Max = 0, 0
		}
		for _, sub := range re.Sub {
			walk(sub)
		}
	}
	walk(re)
	return re.String(), nil
}

// driverOptions returns the definition's options followed by a private
// copy of its privilege levels (network.NewDriver writes a compiled regex
// into each level, so drivers must not share them) and then extra.
func (d *scrapliDef) driverOptions(extra ...util.Option) []util.Option {
	privs := make(network.PrivilegeLevels, len(d.privs))
	for k, p := range d.privs {
		c := *p
		privs[k] = &c
	}
	out := make([]util.Option, 0, len(d.opts)+1+len(extra))
	out = append(out, d.opts...)
	out = append(out, options.WithPrivilegeLevels(privs))
	return append(out, extra...)
}
