package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

func TestROM001_FiresWhenVersionNotApproved(t *testing.T) {
	f := factsWithROMMON("17.3(1r)", goodROM, "17.3(1r)", "16.12(2r)")
	got := only(audit.Evaluate(input(f)), audit.ROM001)
	require.Len(t, got, 2, "one finding per distinct bad version")

	byVersion := map[string]audit.Finding{}
	for _, g := range got {
		byVersion[g.Observed] = g
	}
	x, ok := byVersion["17.3(1r)"]
	require.True(t, ok)
	require.Equal(t, audit.High, x.Severity)
	require.Equal(t, "T1542.004", x.Technique)
	require.Equal(t, goodROM+", 17.6.1r[FC2]", x.Expected)
	require.Contains(t, x.Evidence, "R0 (cli: show rom-monitor r0)")
	require.Contains(t, x.Evidence, "R2 (cli: show rom-monitor r2)")
	require.NotContains(t, x.Evidence, "R1 ", "the approved component is not listed")
	require.Contains(t, x.Evidence, "baselines/iosxe.yaml:4")
	require.True(t, x.Escalate)
	require.Contains(t, x.EscalationReason, "ROMMON version 17.3(1r) is not on the approved list")

	y, ok := byVersion["16.12(2r)"]
	require.True(t, ok)
	require.Contains(t, y.Evidence, "R3 (cli: show rom-monitor r3)")
	require.NotContains(t, y.Evidence, "R0 ")
}

func TestROM001_FiresForSNMPComponent(t *testing.T) {
	f := withModel(facts.Facts{ROMMON: []facts.Component{{Name: "1", Version: "9.9", Source: facts.SourceSNMP, Origin: "entPhysicalFirmwareRev.1"}}})
	got := only(audit.Evaluate(input(f)), audit.ROM001)
	require.Len(t, got, 1)
	require.Contains(t, got[0].Evidence, "1 (snmp: entPhysicalFirmwareRev.1)")
}

func TestROM001_QuietWhen(t *testing.T) {
	noROMMON := input(factsWithROMMON("17.3(1r)"))
	noROMMON.Model.ROMMON = nil
	noModel := input(factsWithROMMON("17.3(1r)"))
	noModel.Model = nil
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"approved", input(factsWithROMMON(goodROM, "17.6.1r[FC2]"))},
		{"approved-with-spaces", input(factsWithROMMON(" " + goodROM + "\t"))},
		{"no-rommon-read", input(factsWithROMMON())},
		{"empty-version", input(factsWithROMMON(""))},
		{"baseline-without-rommon", noROMMON},
		{"no-baseline-model", noModel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.ROM001))
		})
	}
}
