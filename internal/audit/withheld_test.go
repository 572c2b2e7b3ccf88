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
	for _, tc := range []struct {
		name string
		in   audit.Input
	}{
		{"first audit", input(factsWithModelOnly())},
		{"every fact still reported", historyInput(cleanFacts(), cleanFacts())},
		{"history never had the hash", historyInput(withModel(facts.Facts{Image: "bootflash:" + goodImage}), withModel(facts.Facts{Image: "bootflash:" + goodImage}))},
		{"host key refused", func() audit.Input {
			in := historyInput(cleanFacts(), facts.Facts{})
			in.HostKeyChanged = true
			return in
		}()},
		{"no snapshot trusted for the rule", func() audit.Input {
			in := historyInput(cleanFacts(), withModel(facts.Facts{}))
			in.Previous.Trusted = map[string]*audit.Previous{audit.FACT001: nil}
			return in
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.FACT001))
		})
	}
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
