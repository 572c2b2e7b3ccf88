package change_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/change"
	"fwaudit/internal/facts"
)

var (
	t0 = time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)
	t1 = t0.Add(24 * time.Hour)
)

func base() facts.Facts {
	return facts.Facts{Model: "C9300-48P", OSVersion: "17.9.4a", Image: "bootflash:cat9k_iosxe.17.09.04a.SPA.bin",
		ROMMON: []facts.Component{
			{Name: "R0", Version: "17.9.1r[FC2]", Source: facts.SourceCLI},
			{Name: "F0", Version: "17.9.1r[FC2]", Source: facts.SourceCLI},
			{Name: "R0", Version: "17.9.1r[FC2]", Source: facts.SourceSNMP},
		},
		Boot:          facts.BootConfig{System: []string{"bootflash:packages.conf"}, ConfigRegister: "0x2102"},
		UptimeSeconds: 10 * 86400, HostKeySHA256: "SHA256:aaa"}
}

func snap(at time.Time, f facts.Facts) change.Snapshot {
	return change.Snapshot{Device: "sw1", CollectedAt: at, Facts: f}
}

func kinds(cs []change.Change) []change.Kind {
	out := []change.Kind{}
	for _, c := range cs {
		out = append(out, c.Kind)
	}
	return out
}

func TestCompare(t *testing.T) {
	grown := func(f facts.Facts) facts.Facts { f.UptimeSeconds += 86400; return f }
	tests := []struct {
		name string
		edit func(f facts.Facts) facts.Facts
		want []change.Kind
	}{
		{"nothing but uptime counting", func(f facts.Facts) facts.Facts { return f }, []change.Kind{}},
		{"file-system prefix is not an image change", func(f facts.Facts) facts.Facts {
			f.Image = "flash:cat9k_iosxe.17.09.04a.SPA.bin"
			return f
		}, []change.Kind{}},
		{"config register case is not a change", func(f facts.Facts) facts.Facts { f.Boot.ConfigRegister = "0X2102"; return f }, []change.Kind{}},
		{"ROMMON per component", func(f facts.Facts) facts.Facts {
			f.ROMMON = []facts.Component{{Name: "R0", Version: "16.7(5r)", Source: facts.SourceCLI},
				{Name: "F0", Version: "16.7(5r)", Source: facts.SourceCLI}, {Name: "R0", Version: "17.9.1r[FC2]", Source: facts.SourceSNMP}}
			return f
		}, []change.Kind{change.ROMMON, change.ROMMON}},
		{"a channel that was down is not a change", func(f facts.Facts) facts.Facts { f.ROMMON = f.ROMMON[:2]; return f }, []change.Kind{}},
		{"image, OS, boot, register, next register, host key", func(f facts.Facts) facts.Facts {
			f.OSVersion, f.Image = "17.6.1", "bootflash:cat9k_iosxe.17.06.01.SPA.bin"
			f.Boot = facts.BootConfig{System: []string{"bootflash:evil.bin"}, ConfigRegister: "0x2142", ConfigRegisterNext: "0x2102"}
			f.HostKeySHA256 = "SHA256:bbb"
			return f
		}, []change.Kind{change.OSVersion, change.Image, change.Boot, change.ConfigRegister, change.ConfigRegisterNext, change.HostKey}},
		{"a failed collection is not a change", func(f facts.Facts) facts.Facts { return facts.Facts{} }, []change.Kind{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := change.Compare(snap(t0, base()), snap(t1, tt.edit(grown(base()))))
			require.Equal(t, tt.want, kinds(got))
		})
	}
}

func TestCompareROMMONSubjectAndGroups(t *testing.T) {
	cur := base()
	cur.UptimeSeconds += 86400
	cur.ROMMON[0].Version, cur.ROMMON[1].Version = "16.7(5r)", " 16.7(5r) "
	cs := change.Compare(snap(t0, base()), snap(t1, cur))
	require.Equal(t, "R0 (cli)", cs[0].Subject)
	require.Equal(t, "17.9.1r[FC2]", cs[0].Before)
	require.Equal(t, "16.7(5r)", cs[1].After, "versions are trimmed")
	groups := change.GroupROMMON(cs)
	require.Len(t, groups, 1, "R0 and F0 made the same move")
	require.Len(t, groups[0].Components, 2)
}

func TestCompareOutcome(t *testing.T) {
	a, b := snap(t0, base()), snap(t1, base())
	b.Facts.UptimeSeconds += 86400
	a.Outcome = &change.Outcome{Status: "ok", Rules: []string{"ROM-001"}}
	b.Outcome = &change.Outcome{Status: "ok", Rules: []string{"ROM-002", "ROM-001", "ROM-002"}}
	cs := change.Compare(a, b)
	require.Equal(t, []change.Change{{Kind: change.Findings, Before: "ROM-001", After: "ROM-001,ROM-002"}}, cs)
	b.Outcome = nil
	require.Empty(t, change.Compare(a, b), "a live audit has no outcome to compare")
}

func TestReloaded(t *testing.T) {
	day := int64(86400)
	tests := []struct {
		name        string
		prevUp      int64
		curUp       int64
		at          time.Time
		want        bool
		wentDown    bool
		bootedAtUTC string
	}{
		{"uptime went down", 10 * day, 600, t1, true, true, "2026-11-25T01:50:00Z"},
		// The case REL-001 fired on and diff did not show: the uptime grew,
		// but by an hour in a day, so the device booted in between.
		{"uptime grew less than the time that passed", 10 * day, 10*day + 3600, t1, true, false, "2026-11-15T01:00:00Z"},
		{"uptime kept counting (minute rounding)", 10 * day, 11*day - 60, t1, false, false, ""},
		{"boot moved exactly the tolerance", 10 * day, 11*day - 600, t1, false, false, ""},
		{"uptime 0 minutes just after the boot", 10 * day, 0, t1, true, true, "2026-11-25T02:00:00Z"},
		{"unknown uptime now (failed collection)", 10 * day, -1, t1, false, false, ""},
		{"unknown uptime before", -1, 600, t1, false, false, ""},
		{"later snapshot collected first", 10 * day, 600, t0.Add(-time.Hour), false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev, cur := base(), base()
			prev.UptimeSeconds, cur.UptimeSeconds, cur.LastReloadReason = tt.prevUp, tt.curUp, "Reload Command"
			for _, f := range []*facts.Facts{&prev, &cur} {
				if f.UptimeSeconds < 0 { // not collected: no show version at all
					*f = facts.Facts{}
				}
			}
			e, ok := change.Reloaded(snap(t0, prev), snap(tt.at, cur))
			require.Equal(t, tt.want, ok)
			cs := change.Of(change.Compare(snap(t0, prev), snap(tt.at, cur)), change.Reload)
			require.Equal(t, tt.want, len(cs) == 1, "Compare shows a reload exactly when Reloaded says so")
			if !tt.want {
				return
			}
			require.Equal(t, tt.wentDown, e.UptimeWentDown)
			require.Equal(t, tt.bootedAtUTC, e.BootedAt.Format(time.RFC3339))
			require.Equal(t, "Reload Command", cs[0].Reload.Reason)
			require.Contains(t, cs[0].After, tt.bootedAtUTC)
			require.Contains(t, e.Text(), tt.bootedAtUTC)
		})
	}
}

func TestReloadEvidenceJSON(t *testing.T) {
	prev, cur := base(), base()
	cur.UptimeSeconds = 600
	e, ok := change.Reloaded(snap(t0, prev), snap(t1, cur))
	require.True(t, ok)
	b, err := json.Marshal(e)
	require.NoError(t, err)
	require.JSONEq(t, `{"uptime_before_seconds":864000,"uptime_after_seconds":600,"booted_before":"2026-11-14T02:00:00Z",
		"booted_at":"2026-11-25T01:50:00Z","uptime_went_down":true,"boot_moved_seconds":949800}`, string(b))
}

func TestSameDevice(t *testing.T) {
	a, b := snap(t0, base()), snap(t1, base())
	require.NoError(t, change.SameDevice(a, b))
	b.Device = "rtr2\x1b[31m"
	err := change.SameDevice(a, b)
	require.ErrorIs(t, err, change.ErrDifferentDevices)
	require.ErrorContains(t, err, `"sw1" and "rtr2"`)
	require.NotContains(t, err.Error(), "\x1b")
	b.Device = ""
	require.NoError(t, change.SameDevice(a, b), "a live audit names no device")
}
