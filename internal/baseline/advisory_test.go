package baseline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

var advPlatforms = baseline.LoadOptions{KnownPlatforms: []string{"cisco_asa", "cisco_ftd"}}

// TestLoadShippedAdvisories: the shipped feed loads and holds the ED 25-03
// fixed-release tables (values from shared/reference/cisco-asa.md §1.4).
func TestLoadShippedAdvisories(t *testing.T) {
	a, err := baseline.LoadAdvisories(filepath.Join("..", "..", "baselines", "advisories"), advPlatforms)
	require.NoError(t, err)
	adv := a.For("cisco_asa")
	require.Len(t, adv, 1)
	require.True(t, adv[0].KnownExploited)
	require.Contains(t, adv[0].CVEs, "CVE-2025-20333")
	asa, ok := adv[0].Platform("cisco_asa")
	require.True(t, ok)
	tr, ok := asa.TrainOf("9.16.3.19")
	require.True(t, ok)
	require.Equal(t, "9.16.4.85", tr.FirstFixed)
	tr, ok = asa.TrainOf("9.17.1.20")
	require.True(t, ok)
	require.Empty(t, tr.FirstFixed, "9.17 has no fix: migrate")
	_, ok = asa.TrainOf("9.8.4.10")
	require.False(t, ok)
	ftd, ok := adv[0].Platform("cisco_ftd")
	require.True(t, ok)
	tr, _ = ftd.TrainOf("7.2.5")
	require.Equal(t, "7.2.10.2", tr.FirstFixed)
}

func TestLoadAdvisoriesStrict(t *testing.T) {
	tests := []struct {
		name, path string
		want       []string
	}{
		{"keys", "testdata/advisories/invalid-keys.yaml", []string{
			`testdata/advisories/invalid-keys.yaml:7: advisories[0].known_exploited: duplicate key (first at line 6)`,
			`testdata/advisories/invalid-keys.yaml:8: advisories[0]: unknown key "platfroms"`,
			`testdata/advisories/invalid-keys.yaml:10: advisories[0].platforms[0].platform: unknown "cisco_asaa" (known: cisco_asa, cisco_ftd)`,
			`testdata/advisories/invalid-keys.yaml:12: advisories[0].platforms[0].trains[0].first_fixed: want a dotted release of train 9.16`,
			`testdata/advisories/invalid-keys.yaml:13: advisories[0].platforms[0].trains[1].train: train "9.16" listed twice (first at line 12)`,
			`testdata/advisories/invalid-keys.yaml:14: advisories[0].platforms[0].trains[2].train: want a dotted train like 9.16, got "9.x"`,
		}},
		{"dup-id", "testdata/advisories/dup-id", []string{
			`testdata/advisories/dup-id/b.yaml:1: feed: want fwaudit.advisories/v1, got "fwaudit.advisories/v2"`,
			`testdata/advisories/dup-id/b.yaml:4: advisories.id: duplicate advisory "adv-1" (first at testdata/advisories/dup-id/a.yaml:4)`,
			`testdata/advisories/dup-id/b.yaml:6: advisories[0].known_exploited: want true or false, got "yes"`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := baseline.LoadAdvisories(tc.path, advPlatforms)
			require.ErrorIs(t, err, baseline.ErrInvalid)
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestLoadAdvisoriesMissingDirIsEmpty(t *testing.T) {
	a, err := baseline.LoadAdvisories(filepath.Join(t.TempDir(), "advisories"), advPlatforms)
	require.NoError(t, err)
	require.Empty(t, a.For("cisco_asa"))
}

func TestTextSegments(t *testing.T) {
	dir := t.TempDir()
	sum := strings.Repeat("ab", 64)
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	ok := write("asa.yaml", "platform: cisco_asa\nmodels:\n  - model: ASA5516\n    text_segments:\n      - {release: 9.16.4.85, sha512: "+sum+"}\n")
	set, err := baseline.Load(ok, advPlatforms)
	require.NoError(t, err)
	m, found := set.Match("cisco_asa", "ASA5516")
	require.True(t, found)
	ts, found := m.TextSegment("9.16.4.85")
	require.True(t, found)
	require.Equal(t, sum, ts.SHA512)
	_, found = m.TextSegment("9.16.4.84")
	require.False(t, found)

	bad := write("bad.yaml", "platform: cisco_asa\nmodels:\n  - model: ASA5516\n    text_segments:\n      - {release: 9.16.4.85, sha512: "+sum+"}\n      - {release: 9.16.4.85, sha512: abc}\n")
	_, err = baseline.Load(bad, advPlatforms)
	require.ErrorContains(t, err, "models[0].text_segments[1].sha512: want 128 hex characters, got 3")
}
