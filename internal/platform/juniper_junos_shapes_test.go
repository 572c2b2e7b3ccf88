package platform

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

// TestJunosFirmwareBootLoaderBuilds: the EX outputs of the corpus
// (juniper_junos_show_chassis_firmware.raw) print U-Boot 1.1.6 with the
// Juniper build after the date (2.4.0 on FPC 0, 3.1.0 on FPC 3) and a
// "bootstrap loader 2.2" row. Before issue #14 the loader rows read
// "bootstrap" and the build was dropped, so two builds looked the same to
// ROM-001/002/004. ntc-templates' expected values for these rows are wrong
// ("4.0", "- 11:27:42)"), so these are hand-written.
func TestJunosFirmwareBootLoaderBuilds(t *testing.T) {
	b, err := os.ReadFile("testdata/corpus/juniper_junos/show_chassis_firmware/juniper_junos_show_chassis_firmware.raw")
	require.NoError(t, err)
	fw, err := ParseJunosFirmware(string(b))
	require.NoError(t, err)
	got := map[string]string{}
	for _, r := range fw.Rows {
		if r.Type == "U-Boot" || r.Type == "uboot" || r.Type == "loader" {
			if _, ok := got[r.Part+" "+r.Type]; !ok {
				got[r.Part+" "+r.Type] = r.Version
			}
		}
	}
	for k, want := range map[string]string{
		"FPC 0 uboot": "1.1.6", "FPC 0 loader": "2.1", // first device: no build after the date
		"FPC 0 U-Boot": "2.4.0", "FPC 3 U-Boot": "3.1.0", "FPC 3 loader": "2.2",
		"Routing Engine 0 U-Boot": "2.4.0", "Routing Engine 0 loader": "2.2",
	} {
		require.Equal(t, want, got[k], k)
	}
	comps := fw.BootFirmware(JunosShowFirmware)
	byName := map[string]facts.Component{}
	for _, c := range comps {
		byName[c.Name] = c
	}
	require.Equal(t, "2.2", byName["FPC 3 loader"].Version)
	require.NotEqual(t, "bootstrap", byName["FPC 0 loader"].Version)
}

// TestParseJunosUptime: show system uptime gives the uptime the reload
// rules need (hand-written fixture and value: 42 days 01:02:02).
func TestParseJunosUptime(t *testing.T) {
	b, err := os.ReadFile("testdata/juniper_junos/show-system-uptime-mx.txt")
	require.NoError(t, err)
	f, err := parseJunos(Outputs{JunosShowUptime: string(b)})
	require.NoError(t, err)
	require.Equal(t, int64(42*86400+3722), f.UptimeSeconds)
	require.Contains(t, JuniperJunos.Commands, JunosShowUptime)
}
