package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

func factsWithRegions(ro, up, running, next string) facts.Facts {
	f := factsWithROMMON(goodROM)
	f.ROMRegions = &facts.ROMRegions{ReadOnly: ro, Upgrade: up, Running: running, NextBoot: next}
	return f
}

func TestROM005_FiresOnUnapprovedUpgradeRegion(t *testing.T) {
	tests := []struct {
		name, running, next, state string
	}{
		{"running", "upgrade", "upgrade", "running and selected for next boot"},
		{"running-only", "upgrade", "readonly", "(running)"},
		{"staged-for-next-boot", "readonly", "upgrade", "selected for next boot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(audit.Evaluate(input(factsWithRegions(goodROM, "15.0(1r)M16", tt.running, tt.next))), audit.ROM005)
			require.Len(t, got, 1)
			require.Equal(t, audit.High, got[0].Severity)
			require.Equal(t, "T1542.004", got[0].Technique)
			require.Contains(t, got[0].Observed, "upgrade region 15.0(1r)M16")
			require.Contains(t, got[0].Observed, tt.state)
			require.Contains(t, got[0].Evidence, "ReadOnly "+goodROM)
			require.Contains(t, got[0].Evidence, "baselines/iosxe.yaml:4")
			require.True(t, got[0].Escalate)
			require.Contains(t, got[0].EscalationReason, "15.0(1r)M16 is not on the approved list")
		})
	}
}

func TestROM005_FiresOnApprovedUpgradeWhenBaselineWantsReadOnly(t *testing.T) {
	in := input(factsWithRegions(goodROM, goodROM, "upgrade", "upgrade"))
	in.Model.ROMMON.Region = baseline.RegionReadOnly
	got := only(audit.Evaluate(in), audit.ROM005)
	require.Len(t, got, 1)
	require.Contains(t, got[0].Expected, "rommon.region: readonly")
	require.Contains(t, got[0].EscalationReason, "allows only the read-only region")
}

func TestROM005_QuietWhen(t *testing.T) {
	noROMMON := input(factsWithRegions(goodROM, "9.9", "upgrade", "upgrade"))
	noROMMON.Model.ROMMON = nil
	noModel := input(factsWithRegions(goodROM, "9.9", "upgrade", "upgrade"))
	noModel.Model = nil
	readOnlyBaseline := input(factsWithRegions(goodROM, "9.9", "readonly", "readonly"))
	readOnlyBaseline.Model.ROMMON.Region = baseline.RegionReadOnly
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"no-regions", input(factsWithROMMON(goodROM))},
		{"readonly-running-unapproved-upgrade-idle", input(factsWithRegions(goodROM, "9.9", "readonly", "readonly"))},
		{"readonly-with-readonly-baseline", readOnlyBaseline},
		{"upgrade-approved", input(factsWithRegions(goodROM, "17.6.1r[FC2]", "upgrade", "upgrade"))},
		{"baseline-without-rommon", noROMMON},
		{"no-baseline-model", noModel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tt.in), audit.ROM005))
		})
	}
}
