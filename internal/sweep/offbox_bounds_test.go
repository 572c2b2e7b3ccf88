package sweep_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
	"fwaudit/internal/sweep"
)

// inflatedFleet: fat-sw lists (and serves) its approved 8 MiB image as
// 64 MiB; honest-sw lists the approved size.
const inflatedFleet = `
defaults:
  platform: cisco_iosxe
  os_version: "17.09.04a"
  model: C9300-48P
  rommon: "17.9.1r[FC2]"
  config_register: "0x2102"
  image: cat9k_iosxe.17.09.04a.SPA.bin
devices:
  - name: fat-sw
    serial: FOC0000F001
    files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 8388608, claimed_size: 67108864}]
  - name: honest-sw
    serial: FOC0000H001
    files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 8388608}]
`

// TestOffboxRefusesAListedSizeTheBaselineDoesNotApprove: the device's
// listing does not set the transfer cap. A size other than the approved
// one is refused before a byte is streamed, the device's error says so
// (it is not clean), and IMG-004 reports the disagreement; the honest
// device is hashed.
func TestOffboxRefusesAListedSizeTheBaselineDoesNotApprove(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, inflatedFleet), lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	env := map[string]string{"FWAUDIT_PASSWORD": lab.DefaultPassword, "FWAUDIT_ENABLE": lab.DefaultEnableSecret}
	inv, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{
		KnownPlatforms: platform.Names(),
		Getenv:         func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	})
	require.NoError(t, err)
	res := sweep.Run(context.Background(), inv.Devices, sweep.Options{Workers: 2, Baselines: loadBaselines(t),
		Offbox: sweep.OffboxOptions{Enabled: true, Hasher: newHasher(t, "auto")}})
	require.Len(t, res, 2)

	fat, honest := res[0], res[1]
	require.Equal(t, "fat-sw", fat.Device.Name)
	require.ErrorContains(t, fat.Err, "not streamed: the device lists 67108864 bytes, the baseline approves 8388608")
	var rules []string
	for _, f := range fat.Findings {
		rules = append(rules, f.Rule)
	}
	require.Contains(t, rules, "IMG-004")
	for _, h := range fat.Facts.ImageHashes {
		require.NotEqual(t, facts.SourceOffbox, h.Source, "nothing was streamed")
	}

	require.Equal(t, "honest-sw", honest.Device.Name)
	require.NoError(t, honest.Err)
	var offbox int
	for _, h := range honest.Facts.ImageHashes {
		if h.Source == facts.SourceOffbox {
			offbox++
		}
	}
	require.Positive(t, offbox, "the honest device is hashed off-box")
}
