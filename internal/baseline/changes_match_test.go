package baseline_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

func TestSiteRoleWindows(t *testing.T) {
	file := filepath.Join(t.TempDir(), "changes.yaml")
	require.NoError(t, os.WriteFile(file, []byte(`changes:
  - id: CHG-SITE
    start: 2026-11-25T08:00:00Z
    end: 2026-11-25T10:00:00Z
    sites: [lon]
    allow: [reload]
  - id: CHG-ROLE
    start: 2026-11-25T08:00:00Z
    end: 2026-11-25T10:00:00Z
    roles: [core]
    allow: [image]
`), 0o600))
	c, err := baseline.LoadChanges(file)
	require.NoError(t, err)
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	_, ok := c.Covering("lon-wan-02", baseline.KindReload, at)
	require.False(t, ok, "site windows cover nothing before the inventory is bound")

	c = c.WithInventory([]baseline.Target{{Name: "lon-wan-02", Site: "lon", Role: "wan"}, {Name: "dc1-core-rtr-01", Site: "dc1", Role: "core"}})
	tests := []struct {
		name, device, kind, want string
	}{
		{"site-match", "lon-wan-02", baseline.KindReload, "CHG-SITE"},
		{"site-other", "dc1-core-rtr-01", baseline.KindReload, ""},
		{"role-match", "dc1-core-rtr-01", baseline.KindImage, "CHG-ROLE"},
		{"role-kind-not-allowed", "dc1-core-rtr-01", baseline.KindROMMON, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch, ok := c.Covering(tc.device, tc.kind, at)
			require.Equal(t, tc.want != "", ok)
			require.Equal(t, tc.want, ch.ID)
		})
	}
}

func TestOverlapping(t *testing.T) {
	c, err := baseline.LoadChanges("testdata/changes/valid.yaml") // CHG-0042: 11-25 08:00 → 11-27 08:00, lon-wan-02, fra-*
	require.NoError(t, err)
	d := func(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		from, to time.Time
		want     bool
	}{
		{"interval-spans-window", d(24, 0), d(28, 0), true},
		{"interval-ends-inside", d(24, 0), d(25, 9), true},
		{"interval-starts-inside", d(26, 0), d(30, 0), true},
		{"interval-before", d(20, 0), d(25, 7), false},
		{"interval-after", d(27, 8), d(28, 0), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch, ok := c.Overlapping("fra-acc-sw-03", baseline.KindROMMON, tc.from, tc.to)
			require.Equal(t, tc.want, ok)
			if ok {
				require.Equal(t, "CHG-0042", ch.ID)
			}
		})
	}
	only, ok := c.Only("CHG-0043")
	require.True(t, ok)
	require.Len(t, only.Changes, 1)
	_, ok = c.Only("CHG-9")
	require.False(t, ok)
}
