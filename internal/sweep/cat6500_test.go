package sweep_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/sweep"
)

// cat6500Fleet: classic IOS Catalyst 6500s (Sup720 in slot 5, two line
// cards). The clean one matches the shipped baselines/cisco_ios.yaml; the
// other's two line cards run an unapproved ROMMON (one ROM-001 naming both).
const cat6500Fleet = `
defaults: {platform: cisco_ios, model: WS-C6509-E, os_version: "12.2(33)SXJ10", rommon: "12.2(17r)SX7",
  linecard_firmware: "12.2(14r)S5", config_register: "0x2102", uptime: 200d,
  image: s72033-adventerprisek9_wan-mz.122-33.SXJ10.bin, boot: ["disk0:s72033-adventerprisek9_wan-mz.122-33.SXJ10.bin"],
  files: [{name: s72033-adventerprisek9_wan-mz.122-33.SXJ10.bin, size: 1048576}]}
devices:
  - {name: cat-clean, serial: SMG0000001}
  - {name: cat-lc-drift, serial: SMG0000002, linecard_firmware: "12.2(14r)S9"}
`

// TestSweepCatalyst6500 sweeps lab Catalyst 6500s live (issue 14): show
// module runs on classic IOS and gives each module's ROMMON, ROM-001 fires
// on the line cards' unapproved firmware and stays quiet on the clean
// chassis, and the running image on disk0: is hashed off the box (SFTP,
// then SCP) and matches the baseline.
func TestSweepCatalyst6500(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, cat6500Fleet), lab.Options{})
	devs := inventoryOf(t, l)
	for _, proto := range []string{collect.ProtocolSFTP, collect.ProtocolSCP} {
		t.Run(proto, func(t *testing.T) {
			res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 2, Baselines: loadBaselines(t), Retries: -1,
				Offbox: sweep.OffboxOptions{Enabled: true, Hasher: newHasher(t, proto)}})
			require.Len(t, res, 2)
			for _, r := range res {
				require.NoError(t, r.Err, r.Device.Name)
				var modules []string
				for _, c := range r.Facts.ROMMON {
					if c.Origin == "show module" {
						modules = append(modules, c.Name+"="+c.Version)
					}
				}
				require.Len(t, modules, 3, "%s: supervisor and two line cards: %v", r.Device.Name, modules)
				var offbox []facts.ImageHash
				for _, h := range r.Facts.ImageHashes {
					if h.Source == facts.SourceOffbox {
						offbox = append(offbox, h)
					}
				}
				require.Len(t, offbox, 1, "%s: the running image is hashed off the box", r.Device.Name)
				require.Equal(t, "disk0:s72033-adventerprisek9_wan-mz.122-33.SXJ10.bin", offbox[0].File)
				require.Equal(t, lab.ImageSHA512("s72033-adventerprisek9_wan-mz.122-33.SXJ10.bin", 1048576), offbox[0].SHA512)
				var rom []audit.Finding
				for _, f := range r.Findings {
					require.NotContains(t, []string{audit.IMG001, audit.IMG002, audit.IMG003}, f.Rule, "%s: %+v", r.Device.Name, f)
					if f.Rule == audit.ROM001 {
						rom = append(rom, f)
					}
				}
				switch r.Device.Name {
				case "cat-clean":
					require.Empty(t, rom, "every module's firmware is approved")
				case "cat-lc-drift":
					require.Len(t, rom, 1, "one finding per unapproved version: %+v", rom)
					require.Equal(t, "12.2(14r)S9", rom[0].Observed)
					require.Contains(t, rom[0].Evidence, "module 1 (cli: show module), module 2 (cli: show module)")
				}
			}
		})
	}
}
