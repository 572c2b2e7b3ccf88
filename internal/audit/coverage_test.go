package audit_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

func TestBASE001_FiresWhenNoModelMatches(t *testing.T) {
	tests := []struct {
		name        string
		model       string
		hasBaseline bool
		expected    string
		evidence    string
	}{
		{"platform-has-baselines", "C9500-24Y4C", true, "a models[] entry of platform cisco_iosxe whose glob matches C9500-24Y4C", "no model glob matches C9500-24Y4C"},
		{"platform-without-baseline", "C9500-24Y4C", false, "a baseline file with platform: cisco_iosxe", "no baseline file is for platform cisco_iosxe"},
		{"model-not-reported", "", true, "the device's model", "did not report its model"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := cleanFacts()
			f.Model = tc.model
			in := input(f)
			in.Model, in.HasBaseline = nil, tc.hasBaseline
			fs := audit.Evaluate(in)
			require.Len(t, fs, 1, "only the info finding: the register 0x102 is in the default set")
			require.Equal(t, audit.BASE001, fs[0].Rule)
			require.Equal(t, audit.Info, fs[0].Severity)
			require.Equal(t, tc.expected, fs[0].Expected)
			require.Contains(t, fs[0].Evidence, tc.evidence)
			require.False(t, fs[0].Escalate)
			require.False(t, audit.Escalated(fs))
		})
	}
}

func TestBASE001_QuietWhen(t *testing.T) {
	nothing := audit.Input{Device: "sw1", Platform: "cisco_iosxe"}
	refused := audit.Input{Device: "sw1", Platform: "cisco_iosxe", Facts: cleanFacts(), HostKeyChanged: true}
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"model-matched", input(cleanFacts())},
		{"nothing-parsed", nothing},
		{"host-key-refused", refused},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.BASE001))
		})
	}
}

func TestPARSE001_FiresWhenNothingParsed(t *testing.T) {
	in := audit.Input{Device: "sw1", Platform: "cisco_iosxe", HasBaseline: true}
	fs := audit.Evaluate(in)
	require.Len(t, fs, 1)
	require.Equal(t, audit.PARSE001, fs[0].Rule)
	require.Equal(t, audit.Medium, fs[0].Severity)
	require.Equal(t, "nothing parsed", fs[0].Observed)
	require.False(t, fs[0].Escalate)
}

func TestPARSE001_FiresAsInfoWhenExpectedFactMissing(t *testing.T) {
	f := cleanFacts()
	f.ROMMON, f.Image = nil, ""
	fs := only(audit.Evaluate(input(f)), audit.PARSE001)
	require.Len(t, fs, 1)
	require.Equal(t, audit.Info, fs[0].Severity)
	require.Equal(t, "could not read running image (IMG-001 did not run)", fs[0].Observed,
		"the missing ROMMON version the baseline approves is FACT-001's, not a coverage gap")
	require.Contains(t, fs[0].Evidence, "baselines/iosxe.yaml:4")
}

// TestPARSE001_QuietOnAnImageThePlatformMustYield: a platform that always
// prints its running image makes a missing one FACT-001, not PARSE-001.
func TestPARSE001_QuietOnAnImageThePlatformMustYield(t *testing.T) {
	f := cleanFacts()
	f.Image = ""
	in := input(f)
	in.MustYield = []facts.Fact{facts.FactImage}
	require.Empty(t, only(audit.Evaluate(in), audit.PARSE001))
	require.Len(t, only(audit.Evaluate(in), audit.FACT001), 1)
}

func TestPARSE001_QuietWhen(t *testing.T) {
	noModel := input(withModel(facts.Facts{}))
	noModel.Model = nil
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"everything-read", input(cleanFacts())},
		{"host-key-refused", audit.Input{Device: "sw1", HostKeyChanged: true}},
		{"partial-without-baseline", noModel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.PARSE001))
		})
	}
}

// TestPARSE001_BootSettingsFollowTheDescriptor: a device that reports no
// boot variable or configuration register is a coverage gap, unless its
// platform has neither (Input.NoBootSettings, from the descriptor: Junos).
func TestPARSE001_BootSettingsFollowTheDescriptor(t *testing.T) {
	for _, none := range []bool{false, true} {
		f := cleanFacts()
		f.Boot = facts.BootConfig{}
		in := input(f)
		in.NoBootSettings = none
		var gap bool
		for _, fd := range audit.Evaluate(in) {
			if fd.Rule == audit.PARSE001 && strings.Contains(fd.Observed, "boot variable or configuration register") {
				gap = true
			}
		}
		require.Equal(t, !none, gap, "NoBootSettings %v", none)
	}
}

// TestPARSE001_FiresWhenTheLogCapWasReached: security-relevant events past
// the parser's cap were not judged: the report says so and the device is
// not assessed (exit 2), as fwaudit logs does for its own cap.
func TestPARSE001_FiresWhenTheLogCapWasReached(t *testing.T) {
	f := cleanFacts()
	f.LogsDropped = 2
	fs := audit.Evaluate(input(f))
	got := only(fs, audit.PARSE001)
	require.Len(t, got, 1)
	require.Equal(t, audit.Info, got[0].Severity)
	require.Equal(t, "log cap reached: 2 log event(s) not judged", got[0].Observed)
	require.Contains(t, got[0].Evidence, "LOG-001 and LOG-002 did not see the rest")
	a := audit.Assess(fs)
	require.False(t, a.Assessed)
	require.Contains(t, a.Reason, "log cap reached")

	noModel := input(f)
	noModel.Model = nil
	require.Len(t, only(audit.Evaluate(noModel), audit.PARSE001), 1, "with or without a baseline model")
}
