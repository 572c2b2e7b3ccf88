package audit_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

func TestEvaluateCleanDevice(t *testing.T) {
	fs := audit.Evaluate(input(cleanFacts()))
	require.Empty(t, fs)
	require.False(t, audit.Escalated(fs))
}

// driftFacts fires every baseline rule at least once.
func driftFacts() facts.Facts {
	f := cleanFacts()
	f.Image = "bootflash:evil.bin"
	f.ROMMON = append(f.ROMMON,
		facts.Component{Name: "R1", Version: "1.0(1r)", Source: facts.SourceCLI},
		facts.Component{Name: "F0", Version: "0.9(1r)", Source: facts.SourceSNMP})
	f.Boot = facts.BootConfig{System: []string{"bootflash:evil.bin", "flash:"}, ConfigRegister: "0x2142", ConfigRegisterNext: "0x2100"}
	f.ImageHashes = []facts.ImageHash{
		{File: "bootflash:" + goodImage, SHA512: strings.Repeat("01", 64), Source: facts.SourceOffbox},
		{File: "bootflash:" + goodImage, SHA512: strings.Repeat("02", 64), Source: facts.SourceDevice},
	}
	return f
}

func TestEvaluateOrderIsDeterministic(t *testing.T) {
	in := input(driftFacts())
	in.HostKeyChanged = true
	first := audit.Evaluate(in)
	require.GreaterOrEqual(t, len(first), 9)

	// Same facts with components and hashes in another order give the same findings in the same order.
	rev := driftFacts()
	slices.Reverse(rev.ROMMON)
	slices.Reverse(rev.ImageHashes)
	in.Facts = rev
	for range 20 {
		require.Equal(t, first, audit.Evaluate(in))
	}

	for i := 1; i < len(first); i++ {
		a, b := first[i-1], first[i]
		require.GreaterOrEqual(t, a.Severity.Rank(), b.Severity.Rank(), "severity order at %d", i)
		if a.Severity == b.Severity {
			require.LessOrEqual(t, a.Rule, b.Rule, "rule order at %d", i)
		}
	}
	require.Equal(t, audit.Critical, first[0].Severity)
	require.True(t, audit.Escalated(first))
}

func TestSeverityRank(t *testing.T) {
	order := []audit.Severity{audit.Critical, audit.High, audit.Medium, audit.Low, audit.Info, audit.Severity("bogus")}
	for i := 1; i < len(order); i++ {
		require.Greater(t, order[i-1].Rank(), order[i].Rank(), "%s > %s", order[i-1], order[i])
	}
}

// TestFindingsAreTextSafe feeds hostile strings (ANSI, NUL, bidi, invalid
// UTF-8) in every facts field and checks every finding field is printable,
// and that the hostile bytes are shown escaped rather than dropped.
func TestFindingsAreTextSafe(t *testing.T) {
	const evil = "17.9.1r[FC2]\x1b[2K\x00\u202e\xff"
	f := facts.Facts{
		Hostname: evil, Model: "C9300-" + evil, Serial: evil, OSVersion: evil,
		Image:         "bootflash:" + evil,
		ROMMON:        []facts.Component{{Name: evil, Version: evil, Source: facts.Source(evil), Origin: evil}},
		Boot:          facts.BootConfig{System: []string{"flash:" + evil}, ConfigRegister: evil, ConfigRegisterNext: "0x2142" + evil},
		ImageHashes:   []facts.ImageHash{{File: "bootflash:" + goodImage, SHA512: evil, Source: facts.Source(evil)}},
		HostKeySHA256: evil,
	}
	in := input(f)
	in.HostKeyChanged, in.HostKeyError = true, "refused "+evil
	noModel := in
	noModel.Model, noModel.HostKeyChanged = nil, false

	var all []audit.Finding
	all = append(all, audit.Evaluate(in)...)
	all = append(all, audit.Evaluate(noModel)...)
	rules := map[string]bool{}
	for _, fd := range all {
		rules[fd.Rule] = true
		for _, s := range []string{fd.Rule, fd.Title, string(fd.Severity), fd.Expected, fd.Observed, fd.Evidence, fd.EscalationReason, fd.Technique} {
			require.True(t, textsafe.IsSafe(s), "%s: unsafe %q", fd.Rule, s)
		}
	}
	for _, id := range []string{audit.ROM001, audit.IMG001, audit.IMG002, audit.BOOT001, audit.BOOT002, audit.SSH001, audit.BASE001} {
		require.True(t, rules[id], "%s did not fire on hostile input", id)
	}
	rom := only(all, audit.ROM001)[0]
	require.Equal(t, `17.9.1r[FC2]\x1b[2K\x00\u202e\xff`, rom.Observed, "hostile bytes are shown escaped, not passed off as the approved version")
}

func TestRuleTable(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range audit.Rules() {
		require.False(t, seen[r.ID], "duplicate %s", r.ID)
		seen[r.ID] = true
		require.NotEmpty(t, r.Title)
		require.GreaterOrEqual(t, r.Severity.Rank(), 0, "%s severity", r.ID)
		got, ok := audit.Lookup(r.ID)
		require.True(t, ok)
		require.Equal(t, r.Title, got.Title)
	}
	_, ok := audit.Lookup("NOPE-001")
	require.False(t, ok)
}

// TestEvaluateWithLoadedBaseline runs the rules on a baseline read from
// testdata, as the sweep does: Load, Match, Evaluate.
func TestEvaluateWithLoadedBaseline(t *testing.T) {
	set, err := baseline.Load("testdata/baselines", baseline.LoadOptions{KnownPlatforms: []string{"cisco_iosxe"}})
	require.NoError(t, err)

	f := cleanFacts()
	m, ok := set.Match("cisco_iosxe", f.Model)
	require.True(t, ok)
	in := audit.Input{Device: "sw1", Platform: "cisco_iosxe", Facts: f, Model: m, HasBaseline: true, Policy: set.Policy}
	require.Empty(t, audit.Evaluate(in), "the clean device matches the testdata baseline")

	f.ROMMON[0].Version = "16.12(2r)"
	f.ImageHashes[1].SHA512 = strings.Repeat("ff", 64)
	in.Facts = f
	fs := audit.Evaluate(in)
	// The off-box hash now differs from what the device's verify printed:
	// the device lies (IMG-003) as well as serving an unapproved image.
	require.Equal(t, []string{audit.IMG002, audit.IMG003, audit.ROM001}, []string{fs[0].Rule, fs[1].Rule, fs[2].Rule})
	require.Len(t, fs, 3)
	require.Contains(t, fs[2].Evidence, "testdata/baselines/iosxe.yaml:3")

	_, ok = set.Match("cisco_iosxe", "C9500-24Y4C")
	require.False(t, ok)
	in.Model, in.HasBaseline = nil, set.HasPlatform("cisco_iosxe")
	in.Facts.Model = "C9500-24Y4C"
	in.Facts.ImageHashes = cleanFacts().ImageHashes // IMG-003 needs no baseline
	fs = audit.Evaluate(in)
	require.Len(t, fs, 1)
	require.Equal(t, audit.BASE001, fs[0].Rule)
}
