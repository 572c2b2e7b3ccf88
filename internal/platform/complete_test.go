package platform_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fwaudit/internal/facts"
	"fwaudit/internal/lab"
	"fwaudit/internal/plan"
	"fwaudit/internal/platform"
)

// corpusDir is where a platform's corpus outputs live when the corpus
// names it differently (testdata/corpus/<dir>/<command>/).
var corpusDir = map[string]string{"cisco_iosxr": "cisco_xr"}

// TestPlatformComplete: every registered platform has what adding one
// takes (README "Adding a platform"): detection markers, a plan recipe, a
// lab profile, a shipped baseline, a golden or corpus case for each
// command it runs (follow-ups included) and fuzz seeds (FuzzParsePlatforms
// runs every registered platform). The failure lists everything missing.
func TestPlatformComplete(t *testing.T) {
	for _, p := range platform.All() {
		t.Run(p.Name, func(t *testing.T) {
			if missing := missingParts(p); len(missing) > 0 {
				t.Errorf("platform %s is missing:\n  - %s", p.Name, strings.Join(missing, "\n  - "))
			}
		})
	}
}

func missingParts(p platform.Platform) []string {
	var missing []string
	add := func(format string, args ...any) { missing = append(missing, fmt.Sprintf(format, args...)) }
	if len(p.Detection.ShowVersion) == 0 {
		add("Detection.ShowVersion markers (internal/platform/%s.go)", p.Name)
	}
	if p.Detection.SNMPEnterprise == "" {
		add("Detection.SNMPEnterprise (internal/platform/%s.go)", p.Name)
	}
	if p.Parse == nil || len(p.Commands) == 0 {
		add("Commands and Parse (internal/platform/%s.go)", p.Name)
	}
	if !slices.Contains(p.MustYield, facts.FactROMMON) {
		add("MustYield with at least facts.FactROMMON: the boot firmware the platform prints (FACT-001)")
	}
	if !p.OffBox.Supported() && p.OffBox.Unsupported == "" {
		add("OffBox: Files and Mounts, or Unsupported saying why")
	}
	if p.OffBox.Supported() {
		for _, fs := range p.FileSystems {
			if _, _, err := p.OffBox.RemotePath(fs + "x.bin"); err != nil {
				add("OffBox.Mounts: where SFTP/SCP serve file system %s (%v)", fs, err)
			}
		}
	}
	if p.Detection.Prompt == "" {
		add("Detection.Prompt, the CLI prompt pattern (internal/platform/%s.go)", p.Name)
	}
	if p.ScrapliPlatform == "" {
		add("ScrapliPlatform, the scrapligo definition the SSH session uses")
	}
	switch {
	case p.Plan == "":
		add("Plan, the plan recipe key (a recipe in internal/plan, one line in its recipes table)")
	case !slices.Contains(plan.Recipes(), p.Plan):
		add("a plan recipe %q (internal/plan: a recipe and one line in its recipes table; known: %s)", p.Plan, strings.Join(plan.Recipes(), ", "))
	}
	switch {
	case p.Lab == "":
		add("Lab, the lab profile name (internal/lab/platform_<name>.go, one line in its profiles table)")
	case p.Lab != p.Name:
		add("Lab %q to be the platform's name: lab fleet files give a device platform: %s and the lab looks its profile up by it", p.Lab, p.Name)
	case !slices.Contains(lab.Simulated(), p.Lab):
		add("a lab profile %q (internal/lab/platform_<name>.go, one line in its profiles table; known: %s)", p.Lab, strings.Join(lab.Simulated(), ", "))
	}
	if _, err := os.Stat(filepath.Join("..", "..", "baselines", p.Name+".yaml")); err != nil {
		add("a shipped baseline (baselines/%s.yaml)", p.Name)
	}
	for _, cmd := range commandsRun(p) {
		if !hasGolden(p.Name, cmd) {
			add("a golden for %q (testdata/%s/%s*.txt + .golden.json, or testdata/corpus/%s/%s/)",
				cmd, p.Name, slug(cmd), corpusName(p.Name), strings.ReplaceAll(beforePipe(cmd), " ", "_"))
		}
	}
	if len(seeds(p.Name)) == 0 {
		add("fuzz seeds (any testdata/%s/*.txt)", p.Name)
	}
	return missing
}

// commandsRun are the platform's commands and the shapes of its
// follow-ups, for a device that boots from each of its file systems.
func commandsRun(p platform.Platform) []string {
	cmds := slices.Clone(p.Commands)
	if p.FollowUp == nil {
		return cmds
	}
	var f facts.Facts
	for _, fs := range p.FileSystems {
		f.Boot.System = append(f.Boot.System, fs+"x.bin")
	}
	for _, c := range p.FollowUp(f) {
		if c = followUpShape(c); !slices.Contains(cmds, c) {
			cmds = append(cmds, c)
		}
	}
	return cmds
}

var fileArg = regexp.MustCompile(`\s*\S*x\.bin`)

// followUpShape drops the file argument: "verify /sha512 bootflash:x.bin"
// gives "verify /sha512".
func followUpShape(cmd string) string { return fileArg.ReplaceAllString(cmd, "") }

// sharedGoldens: a platform that sends the same command text as another
// and parses it with the same parser is covered by that one's goldens
// (classic IOS uses the IOS XE parsers for show version, show bootvar, the
// running-config boot lines and verify).
var sharedGoldens = map[string]string{"cisco_ios": "cisco_iosxe"}

// goldenElsewhere are commands whose parser lives in another package,
// with the golden that covers it (from this package's directory).
var goldenElsewhere = map[string]string{"show logging": "../logparse/testdata/iosxe-show-logging.golden.json"}

func hasGolden(name, cmd string) bool {
	if ownGolden(name, cmd) {
		return true
	}
	if other, ok := sharedGoldens[name]; ok {
		p, err := platform.Lookup(other)
		if err == nil && slices.Contains(commandsRun(p), cmd) && ownGolden(other, cmd) {
			return true
		}
	}
	if path, ok := goldenElsewhere[beforePipe(cmd)]; ok {
		_, err := os.Stat(path)
		return err == nil
	}
	return false
}

// ownGolden looks for testdata/<name>[_suite]/<slug>*.golden.json, where
// slug is the command's or a prefix of at least two of its words (dashes
// ignored: file-checksum-sha256 covers "file checksum sha-256"), then for
// the corpus folder of the command or of a word prefix (dir covers "dir
// bootflash:").
func ownGolden(name, cmd string) bool {
	dirs, _ := filepath.Glob(filepath.Join("testdata", name+"_*"))
	dirs = append([]string{filepath.Join("testdata", name)}, dirs...)
	words := strings.Fields(beforePipe(cmd))
	for n := len(words); n >= 1; n-- {
		prefix := strings.Join(words[:n], " ")
		if n >= 2 || len(words) == 1 {
			want := squash(slug(prefix))
			for _, dir := range dirs {
				m, _ := filepath.Glob(filepath.Join(dir, "*.golden.json"))
				for _, g := range m {
					if strings.HasPrefix(squash(filepath.Base(g)), want) {
						return true
					}
				}
			}
		}
		if n >= 2 || words[0] != "show" && words[0] != "file" {
			c, _ := filepath.Glob(filepath.Join("testdata", "corpus", corpusName(name), strings.ReplaceAll(prefix, " ", "_"), "*.raw"))
			if len(c) > 0 {
				return true
			}
		}
	}
	return false
}

func squash(s string) string { return strings.ReplaceAll(s, "-", "") }

func seeds(name string) []string {
	m, _ := filepath.Glob(filepath.Join("testdata", name, "*.txt"))
	c, _ := filepath.Glob(filepath.Join("testdata", "corpus", corpusName(name), "*", "*.raw"))
	return append(m, c...)
}

func corpusName(name string) string {
	if d, ok := corpusDir[name]; ok {
		return d
	}
	return name
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug is the fixture name of a command: "show rom-monitor r0" gives
// show-rom-monitor-r0; a pipe and what follows it are dropped.
func slug(cmd string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(beforePipe(cmd)), "-"), "-")
}

func beforePipe(cmd string) string {
	before, _, _ := strings.Cut(cmd, "|")
	return strings.TrimSpace(before)
}

// TestPlatformCompleteNamesWhatIsMissing: a platform that is only a
// descriptor gets every missing part named (a made-up platform, so that no
// real platform's testdata covers it).
func TestPlatformCompleteNamesWhatIsMissing(t *testing.T) {
	acme := platform.Platform{Name: "acme_os", Commands: []string{"show version", "show bootvar"}, FileSystems: []string{"disk0:"},
		Parse: func(platform.Outputs) (facts.Facts, error) { return facts.Facts{}, nil }}
	got := strings.Join(missingParts(acme), "\n")
	for _, want := range []string{
		"Detection.ShowVersion", "Detection.SNMPEnterprise", "Detection.Prompt", "ScrapliPlatform",
		"OffBox: Files and Mounts, or Unsupported", "Plan, the plan recipe key", "Lab, the lab profile name",
		"baselines/acme_os.yaml",
		`a golden for "show version"`, `a golden for "show bootvar"`, "fuzz seeds",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing parts do not name %q:\n%s", want, got)
		}
	}
	acme.Plan, acme.Lab = "acme_os", "cisco_iosxe"
	if got := strings.Join(missingParts(acme), "\n"); !strings.Contains(got, `Lab "cisco_iosxe" to be the platform's name`) {
		t.Errorf("a lab profile of another platform is not named:\n%s", got)
	}
	acme.Lab = "acme_os"
	acme.OffBox = platform.OffBox{Files: func(facts.Facts) []string { return nil }, Mounts: []platform.Mount{{FS: "flash:", SFTP: "flash:", SCP: "flash:"}}}
	got = strings.Join(missingParts(acme), "\n")
	for _, want := range []string{`a plan recipe "acme_os"`, `a lab profile "acme_os"`, "where SFTP/SCP serve file system disk0:"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing parts do not name %q:\n%s", want, got)
		}
	}
}
