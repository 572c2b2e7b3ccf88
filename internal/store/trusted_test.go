package store

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
)

// TestRuleInFindingsMatchesDecoding holds ruleInFindings to what decoding
// says, for every rule of the catalogue, on findings whose text fields
// carry quotes, escapes and the very text it searches for.
func TestRuleInFindingsMatchesDecoding(t *testing.T) {
	var ids []string
	for _, r := range audit.Rules() {
		ids = append(ids, r.ID)
	}
	require.Contains(t, ids, audit.ROM002)
	tricky := []string{
		"", `"rule":"ROM-002"`, `{"rule":"IMG-005"}`, "a\"b\\c", "<&>", "ümlaut\u2028", "\x00\x1b[31m",
		`rule":"BOOT-003"`, strings.Repeat("x", 300),
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		var fs []audit.Finding
		for n := rng.IntN(4); n > 0; n-- {
			f := audit.Finding{
				Rule:     ids[rng.IntN(len(ids))],
				Observed: tricky[rng.IntN(len(tricky))],
				Expected: tricky[rng.IntN(len(tricky))],
				Evidence: tricky[rng.IntN(len(tricky))],
			}
			if rng.IntN(3) == 0 {
				f.Accepted = &audit.Acceptance{By: tricky[rng.IntN(len(tricky))], Reason: tricky[rng.IntN(len(tricky))]}
			}
			fs = append(fs, f)
		}
		_, body, err := encode(Snapshot{Findings: fs})
		require.NoError(t, err)
		for _, id := range ids {
			has := slices.ContainsFunc(fs, func(f audit.Finding) bool { return f.Rule == id })
			require.Equal(t, has, ruleInFindings(body, id), "%s in %s", id, body)
		}
	}
}

// FuzzRuleInFindings: whatever a finding's text holds, the rule is found
// exactly when a finding has it.
func FuzzRuleInFindings(f *testing.F) {
	f.Add(`"rule":"ROM-002"`, "ROM-002", true)
	f.Add(`\"rule\":\"IMG-005\"`, "IMG-005", false)
	f.Fuzz(func(t *testing.T, text, rule string, withRule bool) {
		fs := []audit.Finding{{Rule: "X-1", Observed: text, Evidence: rule}}
		if withRule {
			fs = append(fs, audit.Finding{Rule: rule, Expected: text})
		}
		_, body, err := encode(Snapshot{Findings: fs})
		if err != nil { // json.Marshal replaces invalid UTF-8; it does not fail on strings
			t.Fatalf("encode: %v", err)
		}
		for _, r := range []string{rule, audit.ROM002, audit.IMG005} {
			if r == "" || strings.ContainsAny(r, "\"\\<>&") || !isPrintableASCII(r) {
				continue // rule IDs are plain ASCII; json.Marshal escapes the rest
			}
			has := slices.ContainsFunc(fs, func(f audit.Finding) bool { return f.Rule == r })
			if has != ruleInFindings(body, r) {
				t.Fatalf("rule %q: decoding says %v, ruleInFindings %v, in %s", r, has, !has, body)
			}
		}
	})
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// TestRuleIDsArePlain: ruleInFindings relies on rule IDs that
// json.Marshal writes as they are.
func TestRuleIDsArePlain(t *testing.T) {
	for _, r := range audit.Rules() {
		require.True(t, isPrintableASCII(r.ID), r.ID)
		require.NotContains(t, r.ID, `"`)
		require.False(t, strings.ContainsAny(r.ID, `\<>&`), r.ID)
	}
}
