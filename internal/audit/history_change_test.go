package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/change"
	"fwaudit/internal/facts"
)

// TestREL001_AgreesWithDiff: REL-001 fires exactly when the change model
// (what `fwaudit diff` and the report timelines show) has a reload. It did
// not: REL-001 fired when the uptime grew by less than the time that
// passed, where diff only looked for an uptime that went down; and diff
// showed a reload when a failed collection left the uptime at 0.
func TestREL001_AgreesWithDiff(t *testing.T) {
	prevUp := cleanFacts().UptimeSeconds
	tests := []struct {
		name   string
		uptime int64
		fires  bool
	}{
		{"uptime went down", 600, true},
		{"uptime grew by an hour in a day", prevUp + 3600, true},
		{"uptime kept counting", prevUp + 86400 - 60, false},
		{"uptime 0 minutes: just booted", 0, true},
		{"failed collection", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := cleanFacts()
			now.UptimeSeconds = tt.uptime
			if tt.name == "failed collection" {
				now = facts.Facts{}
			}
			in := historyInput(cleanFacts(), now)
			fired := len(only(audit.Evaluate(in), audit.REL001)) == 1
			diff := change.Compare(change.Snapshot{CollectedAt: tPrev, Facts: cleanFacts()},
				change.Snapshot{CollectedAt: tNow, Facts: now})
			require.Equal(t, tt.fires, fired, "REL-001")
			require.Equal(t, tt.fires, len(change.Of(diff, change.Reload)) == 1, "diff")
		})
	}
}

// TestHistoryRulesFollowTheChangeModel: a field one snapshot did not
// report (a failed or partial collection) is no change for the rules
// either.
func TestHistoryRulesFollowTheChangeModel(t *testing.T) {
	now := cleanFacts()
	now.Image, now.Boot = "", facts.BootConfig{}
	now.ROMMON = nil
	fs := audit.Evaluate(historyInput(cleanFacts(), now))
	for _, id := range []string{audit.ROM002, audit.IMG005, audit.BOOT003} {
		require.Empty(t, only(fs, id), id)
	}
	now = withROM(cleanFacts(), "17.6.1r[FC2]")
	now.Boot.ConfigRegister = "0x2142"
	fs = audit.Evaluate(historyInput(cleanFacts(), now))
	require.Len(t, only(fs, audit.ROM002), 1)
	require.Len(t, only(fs, audit.BOOT003), 1)
}
