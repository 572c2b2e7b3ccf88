package baseline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

func TestLoadChangesValid(t *testing.T) {
	c, err := baseline.LoadChanges("testdata/changes/valid.yaml")
	require.NoError(t, err)
	require.Len(t, c.Changes, 2)
	ch := c.Changes[0]
	require.Equal(t, "CHG-0042", ch.ID)
	require.Equal(t, "ROMMON upgrade, London and Frankfurt", ch.Description)
	require.Equal(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), ch.Start.UTC())
	require.Equal(t, []string{"lon-wan-02", "fra-*"}, ch.Devices)
	require.Equal(t, []string{baseline.KindROMMON, baseline.KindReload}, ch.Allow)
	require.Equal(t, 2, ch.Line)
	require.Equal(t, time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC), c.Changes[1].Start.UTC(), "zone offset honoured")
}

func TestLoadChangesInvalid(t *testing.T) {
	const p = "testdata/changes/invalid.yaml"
	c, err := baseline.LoadChanges(p)
	require.Nil(t, c)
	require.ErrorIs(t, err, baseline.ErrInvalid)
	require.Equal(t, "invalid baseline:\n"+strings.Join(wants(t, p), "\n"), err.Error())
}

// TestLoadChangesSyntaxError: a mis-indent deep in the calendar is reported
// at its own line (yaml.v3 names line 2, where the list began).
func TestLoadChangesSyntaxError(t *testing.T) {
	const p = "testdata/changes/invalid-syntax.yaml"
	_, err := baseline.LoadChanges(p)
	require.ErrorIs(t, err, baseline.ErrInvalid)
	require.Equal(t, "invalid baseline:\n"+strings.Join(wants(t, p), "\n"), err.Error())
}

func TestLoadChangesMissing(t *testing.T) {
	dir := t.TempDir()
	_, err := baseline.LoadChanges(filepath.Join(dir, "changes.yaml"))
	require.ErrorIs(t, err, os.ErrNotExist, "an explicit --changes file must exist")

	c, err := baseline.LoadDefaultChanges(dir)
	require.NoError(t, err, "the default file is optional")
	require.Empty(t, c.Changes)
	_, ok := c.Covering("r1", baseline.KindROMMON, time.Now())
	require.False(t, ok)

	require.NoError(t, os.WriteFile(filepath.Join(dir, "changes.yaml"), []byte("changes: [{id: X}]\n"), 0o600))
	_, err = baseline.LoadDefaultChanges(dir)
	require.ErrorIs(t, err, baseline.ErrInvalid, "a present default file is validated")
}

func TestCovering(t *testing.T) {
	c, err := baseline.LoadChanges("testdata/changes/valid.yaml")
	require.NoError(t, err)
	in := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, device, kind string
		at                 time.Time
		want               string // change ID, "" for none
	}{
		{"name-match", "lon-wan-02", baseline.KindROMMON, in, "CHG-0042"},
		{"glob-match", "fra-core-1", baseline.KindReload, in, "CHG-0042"},
		{"kind-not-allowed", "fra-core-1", baseline.KindImage, in, ""},
		{"device-not-named", "par-wan-01", baseline.KindROMMON, in, ""},
		{"start-inclusive", "lon-wan-02", baseline.KindROMMON, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), "CHG-0042"},
		{"end-exclusive", "lon-wan-02", baseline.KindROMMON, time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC), ""},
		{"before", "lon-wan-02", baseline.KindROMMON, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), ""},
		{"second-window", "par-wan-01", baseline.KindConfig, time.Date(2026, 11, 26, 8, 30, 0, 0, time.UTC), "CHG-0043"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch, ok := c.Covering(tc.device, tc.kind, tc.at)
			require.Equal(t, tc.want != "", ok)
			require.Equal(t, tc.want, ch.ID)
		})
	}
	var none *baseline.Changes
	_, ok := none.Covering("lon-wan-02", baseline.KindROMMON, in)
	require.False(t, ok)
}
