package audit_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// TestROM002_ComparesWithTrustedSnapshot: the previous snapshot already
// holds the new ROMMON, but the trusted one (the first) does not, so
// ROM-002 is still reported and says which snapshot it trusts.
func TestROM002_ComparesWithTrustedSnapshot(t *testing.T) {
	changed := withROM(cleanFacts(), "17.6.1r[FC2]")
	in := historyInput(changed, changed)
	in.Previous.Trusted = map[string]*audit.Previous{
		audit.ROM002: {SnapshotID: 3, TakenAt: tPrev.Add(-48 * time.Hour), Facts: cleanFacts(), First: true},
	}
	fs := only(audit.Evaluate(in), audit.ROM002)
	require.Len(t, fs, 1)
	require.Contains(t, fs[0].Evidence, "snapshot #3")
	require.Contains(t, fs[0].Evidence, "first snapshot, trusted as taken")

	in.Previous.Trusted = nil // trusted is the previous one: nothing changed since
	require.Empty(t, only(audit.Evaluate(in), audit.ROM002))
}

func TestREL001_FirstSight(t *testing.T) {
	tests := []struct {
		name     string
		uptime   time.Duration
		reason   string
		changes  *baseline.Changes
		lookback time.Duration
		want     audit.Severity // "" → quiet
	}{
		{"crash 31 minutes ago", 31 * time.Minute, "Kernel Panic", nil, 0, audit.High},
		{"crashinfo", 2 * time.Hour, "Critical software exception, check bootflash:crashinfo_RP_00_00", nil, 0, audit.High},
		{"plain reload", 5 * 24 * time.Hour, "Reload Command", nil, 0, audit.Medium},
		{"inside a window", 17 * time.Hour, "Reload Command", window(baseline.KindReload), 0, ""},
		{"window for another kind", 17 * time.Hour, "Reload Command", window(baseline.KindImage), 0, audit.Medium},
		{"before the lookback", 40 * 24 * time.Hour, "Kernel Panic", nil, 0, ""},
		{"shorter lookback", 3 * 24 * time.Hour, "Reload Command", nil, 24 * time.Hour, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := cleanFacts()
			f.UptimeSeconds, f.LastReloadReason = int64(tt.uptime.Seconds()), tt.reason
			in := input(f)
			in.Now, in.Changes, in.Lookback = tNow, tt.changes, tt.lookback
			fs := only(audit.Evaluate(in), audit.REL001)
			if tt.want == "" {
				require.Empty(t, fs)
				return
			}
			require.Len(t, fs, 1)
			require.Equal(t, tt.want, fs[0].Severity)
			require.Contains(t, fs[0].Evidence, "first audit")
			require.Contains(t, fs[0].Evidence, tt.reason)
			require.True(t, fs[0].Escalate)
		})
	}
}

func TestIsCrashReason(t *testing.T) {
	for reason, want := range map[string]bool{
		"Kernel Panic": true, "watchdog timeout": true, "crashinfo written": true,
		"Reload Command": false, "power-on": false, "": false,
	} {
		require.Equal(t, want, audit.IsCrashReason(reason), reason)
	}
}

func TestKeyIgnoresChangingValues(t *testing.T) {
	a := audit.Finding{Rule: audit.REL001, Observed: "uptime 5m"}
	b := audit.Finding{Rule: audit.REL001, Observed: "uptime 1h"}
	require.Equal(t, audit.Key(a), audit.Key(b))
	c := audit.Finding{Rule: audit.LOG001, Observed: "203.0.113.66"}
	d := audit.Finding{Rule: audit.LOG001, Observed: "203.0.113.67"}
	require.NotEqual(t, audit.Key(c), audit.Key(d))
}

func TestAcceptanceHolds(t *testing.T) {
	var none *audit.Acceptance
	require.False(t, none.Holds(tNow))
	require.True(t, (&audit.Acceptance{}).Holds(tNow))
	require.True(t, (&audit.Acceptance{Until: tNow.Add(time.Hour)}).Holds(tNow))
	require.False(t, (&audit.Acceptance{Until: tNow}).Holds(tNow))
}

func TestLogLookbackOnFirstSight(t *testing.T) {
	old := facts.LogEvent{Kind: facts.LogLogin, Source: "203.0.113.66", Time: tNow.AddDate(0, -2, 0), Message: "login"}
	recent := facts.LogEvent{Kind: facts.LogLogin, Source: "203.0.113.67", Time: tNow.Add(-time.Hour), Message: "login"}
	yearless := facts.LogEvent{Kind: facts.LogLogin, Source: "203.0.113.68", Time: time.Date(0, 9, 1, 0, 0, 0, 0, time.UTC), Message: "login"}
	f := cleanFacts()
	f.Logs = []facts.LogEvent{old, recent, yearless}
	in := input(f)
	in.Now = tNow
	in.Policy.ManagementNetworks = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	var got []string
	for _, x := range only(audit.Evaluate(in), audit.LOG001) {
		got = append(got, x.Observed)
	}
	require.Equal(t, []string{"203.0.113.67", "203.0.113.68"}, got, "an event two months old (with its year) is past the lookback")
}

func TestNotJudgedBeforeLookback(t *testing.T) {
	in := input(cleanFacts()) // booted 100 days ago
	in.Now = tNow
	require.Len(t, audit.NotJudged(in), 1)
	require.Contains(t, audit.NotJudged(in)[0], "before the 720h0m0s lookback")
	in.Lookback = 200 * 24 * time.Hour
	require.Empty(t, audit.NotJudged(in))
	in.Previous = &audit.Previous{}
	in.Lookback = 0
	require.Empty(t, audit.NotJudged(in), "only a first audit")
}
