package audit_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// The package rows are those of show install summary on a Catalyst 9000
// (platform testdata cisco_iosxe/show-install-summary-*.txt, hand-written
// in the shape of Cisco's upgrade guides).
func factsWithInstall(states ...string) facts.Facts {
	f := cleanFacts()
	f.Install = &facts.Install{AutoAbort: "active on install_activate, time before rollback - 01:59:44"}
	for i, s := range states {
		f.Install.Packages = append(f.Install.Packages, facts.InstallPackage{Location: "Chassis 1/R0", Type: "IMG", State: s,
			Name: []string{"17.09.04a.0.6", "17.12.01.0.1444"}[i%2]})
	}
	return f
}

func TestBOOT004_FiresWhenSoftwareIsActivatedButNotCommitted(t *testing.T) {
	for _, states := range [][]string{{facts.InstallInactive, facts.InstallUncommitted}, {facts.InstallDeactivated}} {
		fs := only(audit.Evaluate(input(factsWithInstall(states...))), audit.BOOT004)
		require.Len(t, fs, 1, "%v", states)
		require.Equal(t, audit.Medium, fs[0].Severity)
		require.Contains(t, fs[0].Evidence, "uncommitted")
		require.Contains(t, fs[0].Evidence, "time before rollback")
		require.True(t, fs[0].Escalate, "outside every change window")
	}
}

func TestBOOT004_QuietWhenCommittedMissingOrInsideAWindow(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(input(factsWithInstall(facts.InstallInactive, facts.InstallCommitted))), audit.BOOT004))
	require.Empty(t, only(audit.Evaluate(input(cleanFacts())), audit.BOOT004), "not collected (bundle mode)")

	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	in := input(factsWithInstall(facts.InstallUncommitted))
	in.Now = now
	in.Changes = &baseline.Changes{Changes: []baseline.Change{{ID: "CHG-9", Start: now.Add(-time.Hour), End: now.Add(time.Hour),
		Devices: []string{"sw1"}, Allow: []string{baseline.KindImage}}}}
	require.Empty(t, only(audit.Evaluate(in), audit.BOOT004), "an upgrade in progress inside its window")
	in.Changes.Changes[0].Allow = []string{baseline.KindROMMON}
	require.Len(t, only(audit.Evaluate(in), audit.BOOT004), 1, "a window for something else does not cover it")
}

// ROMMON variables in the show romvar shape (platform testdata
// cisco_iosxe/show-romvar-*.txt, hand-written).
func factsWithROMMONBoot(romBoot string, iosBoot ...string) facts.Facts {
	f := cleanFacts()
	f.Boot.System = iosBoot
	f.ROMMONVars = []facts.Variable{{Name: "MODEL_NUM", Value: "C9300-48P"}, {Name: "BOOT", Value: romBoot}, {Name: "MANUAL_BOOT", Value: "no"}}
	return f
}

func TestBOOT005_FiresWhenROMMONBootsSomethingElse(t *testing.T) {
	fs := only(audit.Evaluate(input(factsWithROMMONBoot("flash:cat9k_iosxe.16.12.01.SPA.bin;", "flash:packages.conf"))), audit.BOOT005)
	require.Len(t, fs, 1)
	require.Equal(t, audit.High, fs[0].Severity)
	require.True(t, fs[0].Escalate)
	require.Equal(t, "flash:cat9k_iosxe.16.12.01.SPA.bin", fs[0].Observed)
	require.Equal(t, "flash:packages.conf", fs[0].Expected)
}

func TestBOOT005_QuietWhenTheBootVariablesAgreeOrOneIsMissing(t *testing.T) {
	for name, f := range map[string]facts.Facts{
		"same":                 factsWithROMMONBoot("flash:packages.conf;", "flash:packages.conf"),
		"retries-and-case":     factsWithROMMONBoot("bootflash:packages.conf,12;bootflash:x.bin,1;", "bootflash:packages.conf", "BOOTFLASH:x.bin"),
		"no-ios-boot-variable": factsWithROMMONBoot("flash:packages.conf;"),
		"no-romvar":            cleanFacts(),
	} {
		require.Empty(t, only(audit.Evaluate(input(f)), audit.BOOT005), name)
	}
}
