package arch

import (
	"errors"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// allowed is the dependency table of STYLE.md §1, as built: an internal
// import that is not listed here fails the test. Change the table on
// purpose, in review, never to make a build pass.
var allowed = map[string][]string{
	"cmd/fwaudit": {"internal/audit", "internal/baseline", "internal/change", "internal/collect", "internal/facts", "internal/hostkey",
		"internal/ingest", "internal/inventory", "internal/kgv", "internal/logparse", "internal/notify", "internal/pipeline", "internal/plan",
		"internal/platform", "internal/report", "internal/store", "internal/sweep", "internal/textsafe", "internal/version", "internal/yamlerr"},
	"docs/deploy":          {}, // tests of the deployment examples only
	"cmd/fwlab":            {"internal/lab"},
	"internal/arch":        {},
	"internal/attest":      {"internal/facts"},
	"internal/audit":       {"internal/attest", "internal/baseline", "internal/change", "internal/facts", "internal/kgv", "internal/release", "internal/textsafe"},
	"internal/baseline":    {"internal/release", "internal/yamlerr"},
	"internal/change":      {"internal/facts", "internal/release", "internal/textsafe"},
	"internal/collect":     {"internal/facts", "internal/hostkey", "internal/platform", "internal/snmpkey", "internal/textsafe"},
	"internal/facts":       {},
	"internal/golden":      {},
	"internal/hostkey":     {},
	"internal/ingest":      {"internal/platform", "internal/store"},
	"internal/inventory":   {"internal/platform", "internal/textsafe", "internal/yamlerr"},
	"internal/kgv":         {},
	"internal/lab":         {"internal/snmpkey"},
	"internal/lab/labtest": {"internal/lab"},
	"internal/logparse":    {"internal/facts", "internal/textsafe"},
	"internal/notify":      {"internal/audit", "internal/report", "internal/textsafe"},
	"internal/pipeline": {"internal/audit", "internal/baseline", "internal/facts", "internal/ingest", "internal/inventory",
		"internal/notify", "internal/plan", "internal/platform", "internal/report", "internal/store", "internal/sweep", "internal/textsafe"},
	"internal/plan":         {"internal/audit", "internal/baseline", "internal/facts", "internal/platform", "internal/textsafe"}, // platform: the descriptor names the recipe
	"internal/platform":     {"internal/facts", "internal/logparse", "internal/release", "internal/textsafe"},
	"internal/release":      {},
	"internal/snmpkey":      {}, // SNMPv3 key localization, shared by collect and the lab
	"internal/reportschema": {}, // test-only: validates JSON reports against docs/schema
	"internal/report":       {"internal/audit", "internal/change", "internal/facts", "internal/plan", "internal/textsafe"},
	"internal/store":        {"internal/audit", "internal/facts"},
	"internal/store/pgtest": {"internal/testpeer"},
	"internal/sweep": {"internal/audit", "internal/baseline", "internal/collect", "internal/facts", "internal/hostkey",
		"internal/inventory", "internal/kgv", "internal/platform", "internal/textsafe"},
	"internal/testpeer": {},
	"internal/textsafe": {},
	"internal/version":  {},
	"internal/yamlerr":  {},
}

// TestImports checks every package's internal imports (not its tests')
// against the table, and that the lab never reaches the shipped binary.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}:{{range .Imports}} {{.}}{{end}}", "fwaudit/...").Output()
	require.NoError(t, err, stderrOf(err))
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		pkg = strings.TrimPrefix(pkg, "fwaudit/")
		seen[pkg] = true
		want, ok := allowed[pkg]
		require.True(t, ok, "package %s is not in the architecture table (internal/arch): add it with its allowed imports", pkg)
		for _, imp := range strings.Fields(imports) {
			if !strings.HasPrefix(imp, "fwaudit/") {
				continue
			}
			imp = strings.TrimPrefix(imp, "fwaudit/")
			require.True(t, slices.Contains(want, imp), "%s imports %s, which the architecture table does not allow", pkg, imp)
		}
	}
	for pkg := range allowed {
		require.True(t, seen[pkg], "the architecture table lists %s, which no longer exists", pkg)
	}
}

// TestLabStaysOutOfFwaudit: the shipped binary never links the simulator.
func TestLabStaysOutOfFwaudit(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "fwaudit/cmd/fwaudit").Output()
	require.NoError(t, err, stderrOf(err))
	for _, dep := range strings.Fields(string(out)) {
		require.False(t, strings.HasPrefix(dep, "fwaudit/internal/lab"), "fwaudit links %s", dep)
		require.NotEqual(t, "fwaudit/internal/testpeer", dep, "fwaudit links the test-peer helper")
	}
}

// stderrOf returns what go list said on stderr when it failed. Only its
// stdout is parsed: a fresh module cache adds "go: downloading …" lines to
// stderr.
func stderrOf(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(ee.Stderr)
	}
	return ""
}
