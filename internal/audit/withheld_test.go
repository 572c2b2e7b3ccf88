package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

func TestFACT001_FiresWhenAFactTheHistoryHadIsWithheld(t *testing.T) {
	noHash := func(f facts.Facts) facts.Facts {
		f.ImageHashes = []facts.ImageHash{f.ImageHashes[1]} // only the off-box one
		return f
	}
	noROM := func(f facts.Facts) facts.Facts { f.ROMMON = nil; return f }
	noImage := func(f facts.Facts) facts.Facts { f.Image = ""; return f }
	noRegister := func(f facts.Facts) facts.Facts { f.Boot.ConfigRegister = ""; return f }
	for _, tc := range []struct {
		name     string
		withhold func(facts.Facts) facts.Facts
		observed string
		expected string
	}{
		{"verify refused", noHash, "running image hash no longer reported", "bootflash:" + goodImage},
		{"rom-monitor refused", noROM, "ROMMON version (cli) no longer reported", goodROM},
		{"image line dropped", noImage, "running image no longer reported", "bootflash:" + goodImage},
		{"register dropped", noRegister, "configuration register no longer reported", "0x102"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := audit.Evaluate(historyInput(cleanFacts(), tc.withhold(cleanFacts())))
			got := only(fs, audit.FACT001)
			require.Len(t, got, 1)
			require.Equal(t, audit.High, got[0].Severity)
			require.Equal(t, tc.observed, got[0].Observed)
			require.Equal(t, tc.expected, got[0].Expected)
			require.Contains(t, got[0].Evidence, "snapshot #7")
			a := audit.Assess(fs)
			require.False(t, a.Assessed, "a withheld fact is no verdict")
			require.Contains(t, a.Reason, tc.observed)
		})
	}
}

func TestFACT001_FiresOnSNMPComponentsWithheld(t *testing.T) {
	prev := cleanFacts()
	prev.ROMMON = append(prev.ROMMON, facts.Component{Name: "R0", Version: goodROM, Source: facts.SourceSNMP})
	got := only(audit.Evaluate(historyInput(prev, cleanFacts())), audit.FACT001)
	require.Len(t, got, 1)
	require.Equal(t, "ROMMON version (snmp) no longer reported", got[0].Observed)
}

func TestFACT001_Quiet(t *testing.T) {
	unpinned := func(in audit.Input) audit.Input { in.Model = nil; return in }
	eosLike := func() audit.Input { // the platform prints no image: its absence is no withholding
		f := cleanFacts()
		f.Image = ""
		in := unpinned(input(f))
		in.MustYield = []facts.Fact{facts.FactROMMON, facts.FactImageHash}
		return in
	}
	for _, tc := range []struct {
		name string
		in   audit.Input
	}{
		{"first audit, every fact the platform must yield reported", mustYieldAll(input(cleanFacts()))},
		{"first audit, nothing required, nothing pinned", unpinned(input(factsWithModelOnly()))},
		{"first audit, a fact the platform does not list", eosLike()},
		{"first audit, nothing read at all (PARSE-001 says it)", mustYieldAll(input(facts.Facts{}))},
		{"every fact still reported", historyInput(cleanFacts(), cleanFacts())},
		{"history never had the hash", unpinned(historyInput(withModel(facts.Facts{Image: "bootflash:" + goodImage}), withModel(facts.Facts{Image: "bootflash:" + goodImage})))},
		{"host key refused", func() audit.Input {
			in := mustYieldAll(historyInput(cleanFacts(), facts.Facts{}))
			in.HostKeyChanged = true
			return in
		}()},
		{"no snapshot trusted for the rule", func() audit.Input {
			in := unpinned(historyInput(cleanFacts(), withModel(facts.Facts{})))
			in.Previous.Trusted = map[string]*audit.Previous{audit.FACT001: nil}
			return in
		}()},
		{"register given for next reload only", func() audit.Input {
			f := cleanFacts()
			f.Boot.ConfigRegister, f.Boot.ConfigRegisterNext = "", "0x2102"
			return input(f)
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.FACT001))
		})
	}
}

// mustYieldAll is in with the IOS XE list of facts every audit must yield.
func mustYieldAll(in audit.Input) audit.Input {
	in.MustYield = []facts.Fact{facts.FactROMMON, facts.FactImage, facts.FactImageHash, facts.FactConfigRegister}
	return in
}

// TestFACT001_FiresOnFirstSightWhenThePlatformAlwaysGivesIt: with no
// history and no baseline pin, a fact the platform always prints and the
// device did not is withheld (the lab's verify-error mode on a first sweep).
func TestFACT001_FiresOnFirstSightWhenThePlatformAlwaysGivesIt(t *testing.T) {
	noHash := func(f facts.Facts) facts.Facts { f.ImageHashes = []facts.ImageHash{f.ImageHashes[1]}; return f }
	noROM := func(f facts.Facts) facts.Facts { f.ROMMON = nil; return f }
	noImage := func(f facts.Facts) facts.Facts { f.Image = ""; return f }
	noRegister := func(f facts.Facts) facts.Facts { f.Boot.ConfigRegister = ""; return f }
	for _, tc := range []struct {
		name     string
		withhold func(facts.Facts) facts.Facts
		observed string
	}{
		{"verify refused", noHash, "running image hash not reported"},
		{"rom-monitor refused", noROM, "ROMMON version (cli) not reported"},
		{"image line dropped", noImage, "running image not reported"},
		{"register dropped", noRegister, "configuration register not reported"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := mustYieldAll(input(tc.withhold(cleanFacts())))
			in.Model = nil // no pin: the platform's list alone
			fs := audit.Evaluate(in)
			got := only(fs, audit.FACT001)
			require.Len(t, got, 1)
			require.Equal(t, audit.High, got[0].Severity)
			require.Equal(t, tc.observed, got[0].Observed)
			require.Contains(t, got[0].Evidence, "every honest cisco_iosxe device reports")
			require.False(t, audit.Assess(fs).Assessed)
		})
	}
}

// TestFACT001_FiresOnFirstSightWhenTheBaselinePinsIt: no platform list and
// no history, but the baseline approves ROMMON versions and lists the
// registers: a device that reports neither is not clean.
func TestFACT001_FiresOnFirstSightWhenTheBaselinePinsIt(t *testing.T) {
	f := cleanFacts()
	f.ROMMON, f.Boot.ConfigRegister = nil, ""
	fs := audit.Evaluate(input(f))
	got := only(fs, audit.FACT001)
	require.Len(t, got, 2)
	byObserved := map[string]audit.Finding{}
	for _, g := range got {
		byObserved[g.Observed] = g
	}
	require.Equal(t, goodROM+", 17.6.1r[FC2]", byObserved["ROMMON version not reported"].Expected)
	require.Contains(t, byObserved["ROMMON version not reported"].Evidence, `baseline model "C9300-*" (baselines/iosxe.yaml:4) pins`)
	require.Equal(t, "0x102, 0x2102", byObserved["configuration register not reported"].Expected)
	require.False(t, audit.Assess(fs).Assessed)
	require.Empty(t, only(fs, audit.PARSE001), "one finding per gap: the ROMMON version is FACT-001's")
}

func TestFACT001_JudgesAgainstTheTrustedSnapshot(t *testing.T) {
	// The hash was withheld on the last sweep too: the last snapshot lacks
	// it, but the snapshot trusted for FACT-001 still has it.
	in := historyInput(withModel(facts.Facts{}), withModel(facts.Facts{}))
	in.Previous.Trusted = map[string]*audit.Previous{audit.FACT001: {SnapshotID: 5, TakenAt: tPrev, Facts: cleanFacts()}}
	got := only(audit.Evaluate(in), audit.FACT001)
	require.NotEmpty(t, got)
	require.Contains(t, got[0].Evidence, "snapshot #5")
}

func factsWithModelOnly() facts.Facts { return withModel(facts.Facts{}) }
