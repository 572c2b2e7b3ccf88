package inventory_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

func TestLoadPlatformAuto(t *testing.T) {
	tests := []struct {
		name, platform, want, err string
	}{
		{"omitted", "", "", ""},
		{"auto", "platform: auto, ", "", ""},
		{"named", "platform: cisco_nxos, ", "cisco_nxos", ""},
		{"unknown-still-an-error", "platform: cisco_ftd, ", "", `platform: unknown "cisco_ftd"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "i.yaml")
			y := "credentials:\n  c: {username: u, password_env: P}\n" +
				"devices:\n  - {name: r1, address: 192.0.2.1, " + tt.platform + "credentials: c}\n"
			require.NoError(t, os.WriteFile(p, []byte(y), 0o600))
			inv, err := inventory.Load(p, inventory.LoadOptions{Getenv: getenv(map[string]string{"P": "pw"})})
			if tt.err != "" {
				require.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, inv.Devices[0].Platform)
		})
	}
}
