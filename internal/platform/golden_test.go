package platform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/golden"
)

// parsersBySlug maps a fixture slug prefix to the parser it exercises.
var parsersBySlug = []struct {
	prefix string
	parse  func(string) (any, error)
}{
	{"show-version", func(s string) (any, error) { return parseIOSXEShowVersion(s) }},
	{"show-rom-monitor", func(s string) (any, error) { return parseIOSXEROMMON(s) }},
	{"show-platform", func(s string) (any, error) { return parseIOSXEShowPlatform(s) }},
	{"show-bootvar", func(s string) (any, error) { return parseIOSXEBootvar(s) }},
	{"show-running-config-boot", func(s string) (any, error) { return parseIOSXERunningBoot(s) }},
	{"dir", func(s string) (any, error) { return parseIOSXEDir(s) }},
	{"verify", func(s string) (any, error) { return ParseIOSXEVerify(s) }},
	{"show-inventory", func(s string) (any, error) { return ParseCiscoInventory(s) }},
	{"show-romvar", func(s string) (any, error) { return ParseIOSXERomvar(s) }},
	{"show-install-summary", func(s string) (any, error) { return ParseIOSXEInstallSummary(s) }},
}

// goldenResult is what a parser golden file holds.
type goldenResult struct {
	Parsed any    `json:"parsed"`
	Error  string `json:"error"`
}

// fixtures returns the .txt inputs under testdata/cisco_iosxe whose slug
// starts with prefix.
func fixtures(t testing.TB, prefix string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "cisco_iosxe", prefix+"*.txt"))
	require.NoError(t, err)
	return paths
}

func TestGoldenIOSXE(t *testing.T) {
	all := fixtures(t, "")
	require.NotEmpty(t, all)
	used := map[string]bool{}
	for _, p := range parsersBySlug {
		for _, path := range fixtures(t, p.prefix) {
			slug := strings.TrimSuffix(filepath.Base(path), ".txt")
			require.False(t, used[path], "%s matches two parser prefixes", path)
			used[path] = true
			t.Run(slug, func(t *testing.T) {
				in, err := os.ReadFile(path)
				require.NoError(t, err)
				v, err := p.parse(string(in))
				res := goldenResult{Parsed: v}
				if err != nil {
					res.Error = err.Error()
				}
				golden.AssertJSON(t, strings.TrimSuffix(path, ".txt")+".golden.json", res)
			})
		}
	}
	require.Len(t, used, len(all), "every fixture needs a parser in parsersBySlug")
}
