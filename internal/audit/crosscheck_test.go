package audit_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

func cli(name, v string) facts.Component {
	return facts.Component{Name: name, Version: v, Source: facts.SourceCLI, Origin: "show rom-monitor r0"}
}

func snmp(name, v string) facts.Component {
	return facts.Component{Name: name, Version: v, Source: facts.SourceSNMP, Origin: "entPhysicalFirmwareRev.1"}
}

func factsWithChannels(cs ...facts.Component) facts.Facts {
	f := withModel(facts.Facts{})
	f.ROMMON = cs
	f.SNMP = &facts.SNMP{}
	return f
}

func TestROM003_FiresWhenChannelsDisagree(t *testing.T) {
	tests := []struct {
		name     string
		f        facts.Facts
		observed []string
	}{
		{"matched-by-name", factsWithChannels(cli("R0", goodROM), snmp("R0", "17.3.1r[FC2]")),
			[]string{"cli 17.9.1r[FC2] / snmp 17.3.1r[FC2]"}},
		{"chassis-against-r0", factsWithChannels(cli("R0", goodROM), cli("F0", goodROM), snmp("chassis", "16.7(5r)")),
			[]string{"cli 17.9.1r[FC2] / snmp 16.7(5r)"}},
		{"chassis-against-only-component", factsWithChannels(cli("0", "16.12(2r)"), snmp("chassis", "16.7(5r)")),
			[]string{"cli 16.12(2r) / snmp 16.7(5r)"}},
		{"one-of-several-rows", factsWithChannels(cli("R0", goodROM), cli("F0", goodROM), snmp("R0", goodROM), snmp("F0", "17.1.1r")),
			[]string{"cli 17.9.1r[FC2] / snmp 17.1.1r"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := only(audit.Evaluate(input(tc.f)), audit.ROM003)
			var got []string
			for _, f := range fs {
				require.Equal(t, audit.Critical, f.Severity)
				require.True(t, f.Escalate)
				require.Contains(t, f.Evidence, "snmp: entPhysicalFirmwareRev")
				got = append(got, f.Observed)
			}
			require.Equal(t, tc.observed, got)
		})
	}
}

func TestROM003_QuietWhenChannelsAgreeOrCannotBeCompared(t *testing.T) {
	tests := []struct {
		name string
		f    facts.Facts
	}{
		{"agree", factsWithChannels(cli("R0", goodROM), snmp("R0", goodROM), snmp("chassis", goodROM))},
		{"agree-modulo-case-and-space", factsWithChannels(cli("R0", "17.9.1R[fc2]"), snmp("R0", " "+goodROM+" "))},
		{"empty-firmware-rev", factsWithChannels(cli("R0", goodROM), snmp("R0", ""))},
		{"no-snmp", factsWithROMMON(goodROM)},
		{"snmp-only", factsWithChannels(snmp("chassis", "16.7(5r)"))},
		{"ambiguous-chassis", factsWithChannels(cli("R1", goodROM), cli("F0", goodROM), snmp("chassis", "16.7(5r)"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(input(tc.f)), audit.ROM003))
		})
	}
}

func factsWithUptimes(cli, engine time.Duration, boots int64) facts.Facts {
	f := withModel(facts.Facts{})
	f.UptimeSeconds = int64(cli / time.Second)
	f.SNMP = &facts.SNMP{EngineTimeSeconds: int64(engine / time.Second), EngineBoots: boots}
	return f
}

func TestREL002_FiresWhenCLIAndSNMPDisagreeAboutReload(t *testing.T) {
	day := 24 * time.Hour
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   audit.Input
		want string
	}{
		{"engine-older-than-cli", input(factsWithUptimes(2*day, 97*day, 3)), "cli uptime 48h0m0s / snmpEngineTime 2328h0m0s"},
		{"cli-older-than-engine", input(factsWithUptimes(97*day, time.Hour, 4)), "cli uptime 2328h0m0s / snmpEngineTime 1h0m0s"},
		{"boots-rose-without-cli-reload", func() audit.Input {
			in := input(factsWithUptimes(30*day, 30*day, 5))
			in.Now = now
			in.Previous = &audit.Previous{SnapshotID: 7, TakenAt: now.Add(-day), Facts: factsWithUptimes(29*day, 29*day, 4)}
			return in
		}(), "snmpEngineBoots 4 → 5, cli uptime 720h0m0s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := only(audit.Evaluate(tc.in), audit.REL002)
			require.Len(t, fs, 1)
			require.Equal(t, tc.want, fs[0].Observed)
			require.Equal(t, audit.Medium, fs[0].Severity)
		})
	}
}

func TestREL002_QuietWhenChannelsAgree(t *testing.T) {
	day := 24 * time.Hour
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"same", input(factsWithUptimes(97*day, 97*day, 1))},
		{"within-tolerance", input(factsWithUptimes(97*day, 97*day-20*time.Minute, 1))},
		{"short-uptime-within-ten-minutes", input(factsWithUptimes(5*time.Minute, 9*time.Minute, 1))},
		{"no-engine-time", input(factsWithUptimes(97*day, 0, 0))},
		{"no-snmp", input(withModel(facts.Facts{UptimeSeconds: 100}))},
		{"boots-rose-and-cli-reloaded", func() audit.Input {
			in := input(factsWithUptimes(time.Hour, time.Hour, 5))
			in.Now = now
			in.Previous = &audit.Previous{TakenAt: now.Add(-day), Facts: factsWithUptimes(29*day, 29*day, 4)}
			return in
		}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.REL002))
		})
	}
}
