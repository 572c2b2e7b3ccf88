package sweep_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
	"fwaudit/internal/sweep"
)

// TestJunosUptimeIsCollected: a live Junos audit runs show system uptime,
// so the reload rules have an uptime to judge (issue 14: Junos never
// collected one). The lab device has been up 42 days.
func TestJunosUptimeIsCollected(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, `
devices:
  - {name: mx-1, platform: juniper_junos, model: MX204, serial: A0001, os_version: 21.4R3-S3.4,
     rommon: "13.1b24", image: junos-install-mx-x86-64-21.4R3-S3.4.tgz, uptime: 42d,
     files: [{name: junos-install-mx-x86-64-21.4R3-S3.4.tgz, size: 4096}]}
`), lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	env := map[string]string{"FWAUDIT_PASSWORD": lab.DefaultPassword, "FWAUDIT_ENABLE": lab.DefaultEnableSecret}
	inv, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{
		KnownPlatforms: platform.Names(),
		Getenv:         func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	})
	require.NoError(t, err)
	res := sweep.Run(context.Background(), inv.Devices, sweep.Options{Workers: 1})
	require.Len(t, res, 1)
	require.NoError(t, res[0].Err)
	const day = 24 * 3600
	require.InDelta(t, 42*day, res[0].Facts.UptimeSeconds, 120, "uptime from show system uptime")
}
