package audit_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// isrG2FirmwareRev is how an ISR G2's entPhysicalFirmwareRev frames its
// ROMMON: the ROM: line of its show version (`ROM: System Bootstrap,
// Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)`, issue #14; the same shape
// is in the corpus, ntc-templates cisco_ios_show_version: `ROM: System
// Bootstrap, Version 12.3(8r)YH6, RELEASE SOFTWARE (fc1)`).
const isrG2FirmwareRev = "System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)"

func isrG2Input(cliROM, snmpROM string) audit.Input {
	f := facts.Facts{Model: "CISCO2911/K9", SNMP: &facts.SNMP{}, ROMMON: []facts.Component{
		{Name: "ROMMON", Version: cliROM, Source: facts.SourceCLI, Origin: "show rom-monitor"},
		{Name: "chassis", Version: snmpROM, Source: facts.SourceSNMP, Origin: "entPhysicalFirmwareRev.1"},
	}}
	m := &baseline.Model{Pattern: "CISCO29*", ROMMON: &baseline.ROMMON{Approved: []string{"15.0(1r)M16"}}}
	return audit.Input{Device: "isr1", Platform: "cisco_ios", Facts: f, Model: m, HasBaseline: true}
}

func TestROM001ROM003_QuietWhenSNMPFramesTheSameROMMON(t *testing.T) {
	fs := audit.Evaluate(isrG2Input("15.0(1r)M16", isrG2FirmwareRev))
	require.Empty(t, only(fs, audit.ROM001), "the framed SNMP string names an approved release")
	require.Empty(t, only(fs, audit.ROM003), "both channels name 15.0(1r)M16")
}

func TestROM001ROM003_FireWhenTheFramedSNMPVersionDiffers(t *testing.T) {
	other := "System Bootstrap, Version 15.0(1r)M15, RELEASE SOFTWARE (fc1)" // hand-written: M15 instead of M16
	fs := audit.Evaluate(isrG2Input("15.0(1r)M16", other))
	rom001 := only(fs, audit.ROM001)
	require.Len(t, rom001, 1)
	require.Contains(t, rom001[0].Evidence, other, "raw text stays in the evidence")
	rom003 := only(fs, audit.ROM003)
	require.Len(t, rom003, 1)
	require.Contains(t, rom003[0].Observed, other, "raw text stays in the finding")
}

func TestROM002_QuietWhenOnlyTheNotationOfTheReleaseChanged(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	in := input(factsWithROMMON("17.09.01r[FC2]"))
	in.Now = now
	in.Previous = &audit.Previous{SnapshotID: 3, TakenAt: now.Add(-24 * time.Hour), Facts: factsWithROMMON("17.9.1r [FC2]")}
	fs := audit.Evaluate(in)
	require.Empty(t, only(fs, audit.ROM002))
	require.Empty(t, only(fs, audit.ROM004))
}

func TestIMG005_QuietWhenOnlyTheNotationOfTheOSVersionChanged(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	cur, prev := cleanFacts(), cleanFacts()
	cur.OSVersion, prev.OSVersion = "17.05.01a", "17.5.1a" // hand-written: the two notations of issue #14
	in := input(cur)
	in.Now = now
	in.Previous = &audit.Previous{SnapshotID: 3, TakenAt: now.Add(-24 * time.Hour), Facts: prev}
	fs := audit.Evaluate(in)
	require.Empty(t, only(fs, audit.IMG005))
	require.Empty(t, only(fs, audit.IMG006))

	cur.OSVersion = "17.05.01" // an older build: a change and a downgrade
	in.Facts = cur
	fs = audit.Evaluate(in)
	require.Len(t, only(fs, audit.IMG005), 1)
	require.Len(t, only(fs, audit.IMG006), 1)
}

// A Catalyst 6500 reports its ROMMON and a separate BOOTLDR component
// (show version, issue #14); the chassis firmware row is compared with the
// ROMMON.
func TestROM003_ChassisRowComparedWithROMMONBesideBootLoader(t *testing.T) {
	in := isrG2Input("12.2(17r)S4", "System Bootstrap, Version 12.2(17r)S4, RELEASE SOFTWARE (fc1)")
	in.Facts.ROMMON = append(in.Facts.ROMMON, facts.Component{Name: "BOOTLDR", Version: "12.2(18)SXF7", Source: facts.SourceCLI, Origin: "show version"})
	require.Empty(t, only(audit.Evaluate(in), audit.ROM003))

	in.Facts.ROMMON[1].Version = "System Bootstrap, Version 12.2(17r)S2, RELEASE SOFTWARE (fc1)" // hand-written: another ROMMON
	require.Len(t, only(audit.Evaluate(in), audit.ROM003), 1)
}
