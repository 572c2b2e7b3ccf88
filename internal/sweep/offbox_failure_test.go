package sweep_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
	"fwaudit/internal/sweep"
)

// offboxFailureFleet: both devices refuse SFTP and SCP, so no image can be
// streamed off them. bad-reg-sw also boots with the password-recovery
// register (BOOT-002), found over SSH before the off-box step.
const offboxFailureFleet = `
defaults:
  platform: cisco_iosxe
  os_version: "17.09.04a"
  model: C9300-48P
  rommon: "17.9.1r[FC2]"
  image: cat9k_iosxe.17.09.04a.SPA.bin
  files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 8388608}]
devices:
  - {name: bad-reg-sw, serial: FOC0000R001, config_register: "0x2142", no_file_transfer: true}
  - {name: quiet-sw, serial: FOC0000Q001, config_register: "0x2102", no_file_transfer: true}
`

// TestOffboxFailureKeepsSSHFindings: a failed off-box transfer is recorded
// as the device's error, yet the rules still run on what SSH collected: the
// device with BOOT-002 keeps it (drift), the other has only the error. The
// signed boot measurements (exec channels, not file transfer) are still
// collected when asked.
func TestOffboxFailureKeepsSSHFindings(t *testing.T) {
	for _, proto := range []string{"auto", "scp"} {
		t.Run(proto, func(t *testing.T) {
			l := labtest.StartFleet(t, labtest.Fleet(t, offboxFailureFleet), lab.Options{})
			dir := t.TempDir()
			require.NoError(t, l.WriteInventory(dir))
			env := map[string]string{"FWAUDIT_PASSWORD": lab.DefaultPassword, "FWAUDIT_ENABLE": lab.DefaultEnableSecret}
			inv, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{
				KnownPlatforms: platform.Names(),
				Getenv:         func(k string) (string, bool) { v, ok := env[k]; return v, ok },
			})
			require.NoError(t, err)
			hasher := newHasher(t, proto)
			res := sweep.Run(context.Background(), inv.Devices, sweep.Options{Workers: 2, Baselines: loadBaselines(t),
				Offbox: sweep.OffboxOptions{Enabled: true, Hasher: hasher, Integrity: proto == "auto"}})
			require.Len(t, res, 2)

			bad, quiet := res[0], res[1]
			require.Equal(t, "bad-reg-sw", bad.Device.Name)
			require.Error(t, bad.Err)
			require.Contains(t, bad.Err.Error(), "device bad-reg-sw: off-box hash could not be made")
			var rules []string
			for _, f := range bad.Findings {
				rules = append(rules, f.Rule)
			}
			require.Equal(t, []string{"BOOT-002"}, rules, "SSH findings survive the off-box failure")
			require.Equal(t, "0x2142", bad.Facts.Boot.ConfigRegister)
			require.NotEmpty(t, bad.Outputs, "raw outputs kept")
			if proto == "auto" {
				require.NotNil(t, bad.Facts.Integrity, "boot integrity collected despite the failed transfer")
				require.NotEmpty(t, bad.Facts.Integrity.LoaderHash)
			}

			require.Equal(t, "quiet-sw", quiet.Device.Name)
			require.ErrorContains(t, quiet.Err, "off-box hash could not be made")
			require.Empty(t, quiet.Findings)
			require.NotEmpty(t, quiet.Facts.ROMMON, "facts kept")
			for _, h := range append(bad.Facts.ImageHashes, quiet.Facts.ImageHashes...) {
				require.NotEqual(t, "offbox", string(h.Source), "nothing was streamed")
			}
		})
	}
}

func newHasher(t *testing.T, proto string) *collect.ImageHasher {
	t.Helper()
	h, err := collect.NewImageHasher(collect.HasherOptions{Protocol: proto})
	require.NoError(t, err)
	return h
}
