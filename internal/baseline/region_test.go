package baseline_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

func TestROMMONRegion(t *testing.T) {
	tests := []struct {
		name, region, want, err string
	}{
		{"absent", "", "", ""},
		{"readonly", "readonly", baseline.RegionReadOnly, ""},
		{"readonly-upper", "ReadOnly", baseline.RegionReadOnly, ""},
		{"any", "any", "", ""},
		{"bad", "upgrade", "", `models[0].rommon.region: want readonly or any, got "upgrade"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			y := "platform: cisco_ios\nmodels:\n  - model: \"CISCO29*\"\n    rommon:\n      approved: [\"15.0(1r)M15\"]\n"
			if tt.region != "" {
				y += "      region: " + tt.region + "\n"
			}
			require.NoError(t, os.WriteFile(filepath.Join(dir, "ios.yaml"), []byte(y), 0o600))
			set, err := baseline.Load(dir, known)
			if tt.err != "" {
				require.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			m, ok := set.Match("cisco_ios", "CISCO2911/K9")
			require.True(t, ok)
			require.Equal(t, tt.want, m.ROMMON.Region)
		})
	}
}
