package sweep_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/sweep"
)

// installFleet: an uncommitted install, a committed one, a ROMMON BOOT
// variable other than the IOS one, a matching one, and an ISR G2 whose
// show version prints no model or serial (show inventory does).
const installFleet = `
defaults: {config_register: "0x2102", platform: cisco_iosxe, model: C9300-48P, os_version: "17.09.04a", rommon: "17.9.1r[FC2]",
  image: cat9k_iosxe.17.09.04a.SPA.bin, boot: ["flash:packages.conf"], files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 4096}]}
devices:
  - {name: xe-uncommitted, serial: FOC0001, install_uncommitted: true}
  - {name: xe-committed, serial: FOC0002, install_mode: true}
  - {name: xe-rommon-boot, serial: FOC0003, rommon_boot: ["flash:implant.bin"]}
  - {name: isr-nohw, platform: cisco_ios, model: CISCO2911/K9, serial: FTX1840AL01, os_version: "15.7(3)M8",
     rommon: "15.0(1r)M15", image: c2900-universalk9-mz.SPA.157-3.M8.bin, boot: ["flash:c2900-universalk9-mz.SPA.157-3.M8.bin"],
     files: [{name: c2900-universalk9-mz.SPA.157-3.M8.bin, size: 4096}], version_no_hardware: true}
`

// TestSweepInstallAndROMVarLive: BOOT-004 fires on the uncommitted device
// only, BOOT-005 on the mismatched ROMMON BOOT variable only, and the
// ISR's model and serial come from show inventory.
func TestSweepInstallAndROMVarLive(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, installFleet), lab.Options{})
	res := sweep.Run(context.Background(), inventoryOf(t, l), sweep.Options{Workers: 2, Baselines: loadBaselines(t), Retries: -1})
	fired := map[string]map[string]bool{}
	for _, r := range res {
		require.NoError(t, r.Err, r.Device.Name)
		fired[r.Device.Name] = map[string]bool{}
		for _, f := range r.Findings {
			fired[r.Device.Name][f.Rule] = true
		}
		if r.Device.Name == "isr-nohw" {
			require.Equal(t, "CISCO2911/K9", r.Facts.Model)
			require.Equal(t, "FTX1840AL01", r.Facts.Serial)
		}
	}
	require.True(t, fired["xe-uncommitted"][audit.BOOT004])
	require.False(t, fired["xe-committed"][audit.BOOT004])
	require.False(t, fired["xe-rommon-boot"][audit.BOOT004], "bundle mode: no install summary")
	require.True(t, fired["xe-rommon-boot"][audit.BOOT005])
	require.False(t, fired["xe-committed"][audit.BOOT005])
	require.False(t, fired["xe-uncommitted"][audit.BOOT005])
}
