package sweep_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
	"fwaudit/internal/sweep"
)

// detectFleet has one device of each platform fwaudit can tell apart.
const detectFleet = `
defaults: {uptime: 30d}
devices:
  - {name: xe-1, platform: cisco_iosxe, model: ISR4331/K9, rommon: "16.12(2r)", image: isr4300-universalk9.17.09.04a.SPA.bin}
  - {name: nx-1, platform: cisco_nxos, model: N9K-C93180YC-FX, os_version: "10.3(6)", rommon: "07.71", image: nxos64-cs.10.3.6.M.bin}
  - {name: mx-1, platform: juniper_junos, model: MX204, os_version: 21.4R3-S3.4, rommon: "13.1b24", image: junos-install-mx-x86-64-21.4R3-S3.4.tgz}
  - {name: xr-1, platform: cisco_iosxr, model: NCS-55A1-24H, os_version: "7.9.2", rommon: "1.16", image: ncs5500-xr-7.9.2}
  - {name: isr-1, platform: cisco_ios, model: CISCO2911/K9, os_version: "15.7(3)M8", rommon: "15.0(1r)M15",
     image: c2900-universalk9-mz.SPA.157-3.M8.bin, boot: ["flash:c2900-universalk9-mz.SPA.157-3.M8.bin"]}
`

// autoInventory writes the lab's inventory with every platform: line
// removed but the first, which says platform: auto, and loads it.
func autoInventory(t *testing.T, l *lab.Lab) []inventory.Device {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	path := filepath.Join(dir, "inventory.yaml")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	re := regexp.MustCompile(`(?m)^(\s*)platform: \w+\n`)
	n := 0
	b = re.ReplaceAllFunc(b, func(m []byte) []byte {
		n++
		if n == 1 {
			return re.ReplaceAll(m, []byte("${1}platform: auto\n"))
		}
		return nil
	})
	require.Equal(t, 5, n, "one platform line per device")
	require.NoError(t, os.WriteFile(path, b, 0o600))
	env := map[string]string{"FWAUDIT_PASSWORD": lab.DefaultPassword, "FWAUDIT_ENABLE": lab.DefaultEnableSecret}
	inv, err := inventory.Load(path, inventory.LoadOptions{
		KnownPlatforms: platform.Names(),
		Getenv:         func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	})
	require.NoError(t, err)
	for _, d := range inv.Devices {
		require.Empty(t, d.Platform, d.Name)
	}
	return inv.Devices
}

// TestSweepDetectsPlatform: devices without a platform in the inventory
// are audited with the platform their SNMP identity (when they collect
// over SNMP) or their show version (SSH only) names, which the results
// carry and the log records.
func TestSweepDetectsPlatform(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, detectFleet), lab.Options{})
	for _, via := range []string{"snmp", "ssh"} {
		t.Run(via, func(t *testing.T) {
			devs := autoInventory(t, l)
			for i := range devs {
				if via == "ssh" {
					devs[i].Collect = []string{inventory.ChannelSSH}
				}
				require.Equal(t, via == "snmp", devs[i].Collects(inventory.ChannelSNMP))
			}
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 5, Logger: log})
			require.Len(t, res, 5)
			for _, r := range res {
				want := l.Device(r.Device.Name).Spec()
				require.NoError(t, r.Err, r.Device.Name)
				require.Equal(t, want.Platform, r.Device.Platform, r.Device.Name)
				require.NotEmpty(t, r.Facts.ROMMON, r.Device.Name)
				require.Equal(t, want.Serial, r.Facts.Serial, r.Device.Name)
				require.Contains(t, r.Outputs, "show version", r.Device.Name)
				require.Equal(t, via == "snmp", r.Facts.SNMP != nil, r.Device.Name)
				require.Regexp(t, `device=`+r.Device.Name+` platform=`+want.Platform+` via=`+via, logs.String())
			}
		})
	}
}
