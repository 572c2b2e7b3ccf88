package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

func TestPARSE001_FiresAsInfoWhenBootSettingsOrBaselineFirmwareMissing(t *testing.T) {
	noBoot := cleanFacts()
	noBoot.Boot = facts.BootConfig{}
	noROMMONInBaseline := input(cleanFacts())
	noROMMONInBaseline.Model.ROMMON = nil
	tests := []struct {
		name     string
		in       audit.Input
		observed string
	}{
		{"no-boot-settings", input(noBoot), "could not read boot variable or configuration register (BOOT-001/BOOT-002 did not run)"},
		{"baseline-without-rommon", noROMMONInBaseline, "baseline approves no boot firmware"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := only(audit.Evaluate(tc.in), audit.PARSE001)
			require.Len(t, fs, 1)
			require.Equal(t, audit.Info, fs[0].Severity)
			require.Equal(t, tc.observed, fs[0].Observed)
		})
	}
}

func TestAssess(t *testing.T) {
	noModel := input(cleanFacts())
	noModel.Model, noModel.HasBaseline = nil, true
	noROMMON := cleanFacts()
	noROMMON.ROMMON = nil
	noBoot := cleanFacts()
	noBoot.Boot = facts.BootConfig{}
	tests := []struct {
		name     string
		in       audit.Input
		assessed bool
		reason   string
	}{
		{"fully-read-and-matching", input(cleanFacts()), true, ""},
		{"no-baseline-for-model", noModel, false, "no baseline for model C9300-48P: baselines exist for platform cisco_iosxe but no model glob matches C9300-48P"},
		{"boot-firmware-unreadable", input(noROMMON), false, "ROMMON version not reported"},
		{"no-boot-settings", input(noBoot), false, "could not read boot variable or configuration register (BOOT-001/BOOT-002 did not run)"},
		{"nothing-read", audit.Input{Device: "sw1", Platform: "cisco_iosxe", HasBaseline: true}, false, "nothing parsed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := audit.Assess(audit.Evaluate(tc.in))
			require.Equal(t, tc.assessed, a.Assessed)
			if tc.assessed {
				require.Empty(t, a.Reason)
				return
			}
			require.Contains(t, a.Reason, tc.reason)
		})
	}
}
