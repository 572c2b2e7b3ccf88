package plan_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
	"fwaudit/internal/plan"
)

// TestASAPlan: an ASA with an unapproved ROMMON on a release affected by
// ED 25-03 (hand-written findings) gets the forensic evidence first, the
// fixed release staged and booted, `upgrade rommon` to the approved
// ROMMON, one reload, verification, and the console ROMMON variables check
// as a manual task; end-of-support hardware gets "replace" and no
// software step claims to fix it.
func TestASAPlan(t *testing.T) {
	f := facts.Facts{Model: "ASA5516", OSVersion: "9.16.4.71", Image: "disk0:/old.SPA", Firewall: &facts.Firewall{}}
	in := plan.Input{Device: "fw-1", Platform: "cisco_asa", Facts: f, Model: model(), Findings: []audit.Finding{
		{Rule: audit.ROM001, Severity: audit.High, Title: "ROMMON not approved"},
		{Rule: audit.ADV001, Severity: audit.Critical, Title: "release affected"},
	}}
	p := plan.Build(in, opts())
	requireOrder(t, p)
	require.Equal(t, plan.PhaseEvidence, p.Steps[0].Phase)
	cmds := strings.Join(commands(p), "\n")
	for _, want := range []string{"show kernel process | include lina_cs", "verify /sha-512 system:/text",
		"boot system disk0:/approved-17.09.04a.bin", "upgrade rommon disk0:/isr4300_rommon_1612_2r_SPA.pkg", "verify /sha-512 disk0:/approved-17.09.04a.bin", "reload"} {
		require.Contains(t, cmds, want)
	}
	require.NotContains(t, cmds, "terminal width")
	require.Contains(t, strings.Join(p.Manual, "\n"), "run `set` at `rommon 1 >`")
	require.NotContains(t, strings.Join(p.Manual, "\n"), "replace")

	in.Facts.Model = "ASA5525"
	in.Findings = []audit.Finding{{Rule: audit.HW001, Severity: audit.Critical, Title: "no Secure Boot"}}
	p = plan.Build(in, opts())
	manual := strings.Join(p.Manual, "\n")
	require.Contains(t, manual, "replace it")
	require.Contains(t, manual, "ED 25-03")
	require.Contains(t, manual, "run `set` at `rommon 1 >`")
	require.Empty(t, p.Rules, "no revert claims to fix hardware")
	require.Equal(t, plan.PhaseEvidence, p.Steps[0].Phase, "evidence is still captured first")
}
