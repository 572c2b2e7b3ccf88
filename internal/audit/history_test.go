package audit_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

var (
	tPrev = time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)
	tNow  = time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
)

// historyInput is cleanFacts now, with prev as the last snapshot a day ago.
func historyInput(prev, now facts.Facts) audit.Input {
	in := input(now)
	in.Now = tNow
	in.Previous = &audit.Previous{SnapshotID: 7, TakenAt: tPrev, Facts: prev}
	return in
}

// window allows kinds for sw1 over the day between the snapshots.
func window(kinds ...string) *baseline.Changes {
	return &baseline.Changes{Changes: []baseline.Change{{ID: "CHG-7", Start: tPrev.Add(6 * time.Hour),
		End: tPrev.Add(8 * time.Hour), Devices: []string{"sw*"}, Allow: kinds}}}
}

func withROM(f facts.Facts, v string) facts.Facts {
	f.ROMMON = []facts.Component{{Name: "R0", Version: v, Source: facts.SourceCLI, Origin: "show version"}}
	return f
}

func TestROM002_FiresWhenROMMONChangedOutsideWindow(t *testing.T) {
	in := historyInput(cleanFacts(), withROM(cleanFacts(), "17.6.1r[FC2]"))
	in.Changes = window(baseline.KindImage) // a window, but not for rommon
	fs := only(audit.Evaluate(in), audit.ROM002)
	require.Len(t, fs, 1)
	f := fs[0]
	require.Equal(t, audit.Critical, f.Severity)
	require.Equal(t, "T1542.004", f.Technique)
	require.Equal(t, "17.6.1r[FC2]", f.Observed)
	require.Equal(t, goodROM, f.Expected)
	require.Contains(t, f.Evidence, "snapshot #7")
	require.Contains(t, f.Evidence, "a downgrade")
	require.True(t, f.Escalate)
	require.Contains(t, f.EscalationReason, "outside every change window")
	require.Equal(t, &audit.Answers{WindowChecked: true, Approved: ptr(true), Version: "17.6.1r[FC2]"}, f.Answers)
}

func TestROM002_QuietWhenWindowAllowsROMMON(t *testing.T) {
	in := historyInput(cleanFacts(), withROM(cleanFacts(), "17.6.1r[FC2]"))
	in.Changes = window(baseline.KindROMMON)
	require.Empty(t, only(audit.Evaluate(in), audit.ROM002))
}

func TestROM002_QuietWhenUnchangedOrFirstAudit(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(historyInput(cleanFacts(), cleanFacts())), audit.ROM002))
	require.Empty(t, only(audit.Evaluate(input(withROM(cleanFacts(), "1.0r"))), audit.ROM002))
}

func TestROM004_FiresWhenDowngradedEvenInsideWindow(t *testing.T) {
	in := historyInput(cleanFacts(), withROM(cleanFacts(), "17.6.1r[FC2]"))
	in.Changes = window(baseline.KindROMMON)
	fs := only(audit.Evaluate(in), audit.ROM004)
	require.Len(t, fs, 1)
	require.Equal(t, "T1601.002", fs[0].Technique)
	require.Equal(t, audit.High, fs[0].Severity)
	require.False(t, fs[0].Escalate, "inside a window, approved version: reported, not escalated")
	require.Equal(t, "CHG-7", fs[0].Answers.Window)
}

func TestROM004_SaysSoWhenVersionsCannotBeOrdered(t *testing.T) {
	in := historyInput(withROM(cleanFacts(), "17.9.1r[FC2]"), withROM(cleanFacts(), "17.9.1r[FC3]"))
	fs := only(audit.Evaluate(in), audit.ROM004)
	require.Len(t, fs, 1)
	require.Equal(t, audit.Low, fs[0].Severity)
	require.Contains(t, fs[0].Evidence, "cannot be ordered")
}

func TestROM004_QuietWhenUpgraded(t *testing.T) {
	in := historyInput(withROM(cleanFacts(), "17.6.1r[FC2]"), cleanFacts())
	in.Changes = window(baseline.KindROMMON)
	require.Empty(t, only(audit.Evaluate(in), audit.ROM004))
}

func TestIMG005_FiresWhenImageChangedOutsideWindow(t *testing.T) {
	now := cleanFacts()
	now.Image, now.OSVersion = "bootflash:cat9k_iosxe.17.12.01.SPA.bin", "17.12.01"
	fs := only(audit.Evaluate(historyInput(cleanFacts(), now)), audit.IMG005)
	require.Len(t, fs, 1)
	require.Equal(t, "T1601.001", fs[0].Technique)
	require.True(t, fs[0].Escalate)
	require.Contains(t, fs[0].EscalationReason, "not approved")
	require.Contains(t, fs[0].Evidence, "an upgrade")
}

func TestIMG005_QuietWhenWindowAllowsImage(t *testing.T) {
	now := cleanFacts()
	now.OSVersion = "17.12.01"
	in := historyInput(cleanFacts(), now)
	in.Changes = window(baseline.KindImage)
	require.Empty(t, only(audit.Evaluate(in), audit.IMG005))
}

func TestIMG006_FiresWhenOSVersionGoesBack(t *testing.T) {
	prev := cleanFacts()
	prev.OSVersion = "17.12.01"
	in := historyInput(prev, cleanFacts())
	in.Changes = window(baseline.KindImage)
	fs := only(audit.Evaluate(in), audit.IMG006)
	require.Len(t, fs, 1)
	require.Equal(t, "T1601.002", fs[0].Technique)
	require.Contains(t, fs[0].Evidence, "older")
}

func TestIMG006_QuietWhenOSVersionGoesForward(t *testing.T) {
	now := cleanFacts()
	now.OSVersion = "17.12.01"
	require.Empty(t, only(audit.Evaluate(historyInput(cleanFacts(), now)), audit.IMG006))
}

func TestBOOT003_FiresWhenBootVariableChangedOutsideWindow(t *testing.T) {
	now := cleanFacts()
	now.Boot.System = []string{"bootflash:evil.bin"}
	fs := only(audit.Evaluate(historyInput(cleanFacts(), now)), audit.BOOT003)
	require.Len(t, fs, 1)
	require.Contains(t, fs[0].Evidence, "evil.bin")
	require.True(t, fs[0].Escalate)
}

func TestBOOT003_QuietWhenWindowAllowsBoot(t *testing.T) {
	now := cleanFacts()
	now.Boot.ConfigRegister = "0x2102"
	in := historyInput(cleanFacts(), now)
	in.Changes = window(baseline.KindBoot)
	require.Empty(t, only(audit.Evaluate(in), audit.BOOT003))
	in.Changes = nil
	require.Len(t, only(audit.Evaluate(in), audit.BOOT003), 1, "the same change without the window fires")
}

func TestREL001_FiresWhenUptimeWentDown(t *testing.T) {
	now := cleanFacts()
	now.UptimeSeconds, now.LastReloadReason = 600, "Reload Command"
	fs := only(audit.Evaluate(historyInput(cleanFacts(), now)), audit.REL001)
	require.Len(t, fs, 1)
	require.Equal(t, audit.Medium, fs[0].Severity)
	require.Contains(t, fs[0].Evidence, "Reload Command")
	require.Contains(t, fs[0].Evidence, "2026-11-25T01:50:00Z")
	require.True(t, fs[0].Escalate)
}

func TestREL001_FiresWhenBootTimeMovedForward(t *testing.T) {
	// Uptime grew, but by much less than the day that passed: it rebooted.
	now := cleanFacts()
	now.UptimeSeconds = cleanFacts().UptimeSeconds + 3600
	require.Len(t, only(audit.Evaluate(historyInput(cleanFacts(), now)), audit.REL001), 1)
}

func TestREL001_QuietWhenUptimeKeptCounting(t *testing.T) {
	now := cleanFacts()
	now.UptimeSeconds = cleanFacts().UptimeSeconds + 86400 - 60 // minute rounding
	require.Empty(t, only(audit.Evaluate(historyInput(cleanFacts(), now)), audit.REL001))
}

func TestREL001_QuietWhenReloadInsideWindow(t *testing.T) {
	now := cleanFacts()
	now.UptimeSeconds = int64(tNow.Sub(tPrev.Add(7 * time.Hour)).Seconds()) // booted inside CHG-7
	in := historyInput(cleanFacts(), now)
	in.Changes = window(baseline.KindReload)
	require.Empty(t, only(audit.Evaluate(in), audit.REL001))
	in.Changes = window(baseline.KindReload)
	in.Changes.Changes[0].Start, in.Changes.Changes[0].End = tPrev.Add(1*time.Hour), tPrev.Add(2*time.Hour)
	require.Len(t, only(audit.Evaluate(in), audit.REL001), 1, "a window hours away from the boot does not cover it")
}

func ptr[T any](v T) *T { return &v }
