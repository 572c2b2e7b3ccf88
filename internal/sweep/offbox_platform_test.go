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

// offboxPlatformFleet has one device of each platform of the lab: IOS XE
// serves bootflash:, classic IOS flash:, NX-OS bootflash:, EOS flash: as
// /mnt/flash/ only, Junos its install packages under /var/tmp/ only; IOS
// XR cannot be hashed off the box (its descriptor says why).
const offboxPlatformFleet = `
defaults: {config_register: "0x2102"}
devices:
  - {name: xe-1, platform: cisco_iosxe, model: ISR4331/K9, serial: FDO21520TGH, os_version: 17.09.04a,
     rommon: "16.12(2r)", image: isr4300-universalk9.17.09.04a.SPA.bin,
     files: [{name: isr4300-universalk9.17.09.04a.SPA.bin, size: 4096}]}
  - {name: eos-1, platform: arista_eos, model: DCS-7050TX-64-R, serial: JPE15140563, os_version: 4.28.3M,
     rommon: Aboot-norcal6-6.1.10-14653765, image: EOS-4.28.3M.swi, boot: ["flash:/EOS-4.28.3M.swi"],
     files: [{name: EOS-4.28.3M.swi, size: 4096}]}
  - {name: isr-1, platform: cisco_ios, model: CISCO2911/K9, serial: FTX1840AL01, os_version: "15.7(3)M8",
     rommon: "15.0(1r)M16", image: c2900-universalk9-mz.SPA.157-3.M8.bin, boot: ["flash:c2900-universalk9-mz.SPA.157-3.M8.bin"],
     files: [{name: c2900-universalk9-mz.SPA.157-3.M8.bin, size: 4096}]}
  - {name: nx-1, platform: cisco_nxos, model: N9K-C93180YC-FX, serial: FDO23490570, os_version: "10.3(6)",
     rommon: "07.71", image: nxos64-cs.10.3.6.M.bin, files: [{name: nxos64-cs.10.3.6.M.bin, size: 4096}]}
  - {name: mx-1, platform: juniper_junos, model: MX204, serial: A0001, os_version: 21.4R3-S3.4,
     rommon: "13.1b24", image: junos-install-mx-x86-64-21.4R3-S3.4.tgz,
     files: [{name: junos-install-mx-x86-64-21.4R3-S3.4.tgz, size: 4096}]}
  - {name: xr-1, platform: cisco_iosxr, model: NCS-55A1-24H, serial: FOC2401R0A1, os_version: "7.9.2",
     rommon: "1.16", image: ncs5500-xr-7.9.2, files: [{name: ncs5500-xr-7.9.2, size: 4096}]}
  - {name: asa-1, platform: cisco_asa, model: ASA5516, serial: JAD222605K8, os_version: 9.16.4.85, config_register: "0x1",
     rommon: "1.1.18", image: asa9-16-4-85-lfbff-k8.SPA, files: [{name: asa9-16-4-85-lfbff-k8.SPA, size: 4096}]}
`

// TestOffboxFollowsThePlatform: with --offbox-hash (and boot integrity)
// on, each device is hashed off the box at the path its platform's file
// servers use (EOS only answers /mnt/flash/, Junos /var/tmp/, so a missing
// mapping fails the device), over SFTP and over SCP. IOS XR, which cannot
// be hashed off the box, gets an error naming the device and the platform
// and its findings still stand; it is never silently skipped.
func TestOffboxFollowsThePlatform(t *testing.T) {
	for _, proto := range []string{"sftp", "scp"} {
		t.Run(proto, func(t *testing.T) {
			l := labtest.StartFleet(t, labtest.Fleet(t, offboxPlatformFleet), lab.Options{})
			dir := t.TempDir()
			require.NoError(t, l.WriteInventory(dir))
			env := map[string]string{"FWAUDIT_PASSWORD": lab.DefaultPassword, "FWAUDIT_ENABLE": lab.DefaultEnableSecret}
			inv, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{
				KnownPlatforms: platform.Names(),
				Getenv:         func(k string) (string, bool) { v, ok := env[k]; return v, ok },
			})
			require.NoError(t, err)
			res := sweep.Run(context.Background(), inv.Devices, sweep.Options{Workers: 2,
				Offbox: sweep.OffboxOptions{Enabled: true, Hasher: newHasher(t, proto), Integrity: true}})
			want := map[string]string{ // device → file hashed off the box ("" none)
				"xe-1":  "bootflash:isr4300-universalk9.17.09.04a.SPA.bin",
				"eos-1": "flash:/EOS-4.28.3M.swi",
				"isr-1": "flash:c2900-universalk9-mz.SPA.157-3.M8.bin",
				"nx-1":  "bootflash:nxos64-cs.10.3.6.M.bin",
				"mx-1":  "/var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz",
				"xr-1":  "",
				"asa-1": "disk0:/asa9-16-4-85-lfbff-k8.SPA",
			}
			require.Len(t, res, len(want))
			covered := map[string]bool{}
			for _, r := range res {
				covered[r.Device.Platform] = true
				var off []facts.ImageHash
				for _, h := range r.Facts.ImageHashes {
					if h.Source == facts.SourceOffbox {
						off = append(off, h)
					}
				}
				file := want[r.Device.Name]
				if file == "" {
					require.ErrorIs(t, r.Err, sweep.ErrOffboxUnsupported, r.Device.Name)
					require.ErrorContains(t, r.Err, "device "+r.Device.Name+": ")
					require.ErrorContains(t, r.Err, "on platform "+r.Device.Platform+": ")
					require.Empty(t, off, r.Device.Name)
					require.NotEmpty(t, r.Facts.ROMMON, "%s: the rest of the audit stands", r.Device.Name)
					continue
				}
				require.NoError(t, r.Err, r.Device.Name)
				require.Len(t, off, 1, r.Device.Name)
				require.Equal(t, file, off[0].File, r.Device.Name)
				require.Equal(t, lab.ImageSHA512(facts.BaseName(file), 4096), off[0].SHA512, r.Device.Name)
				if r.Device.Platform != "cisco_iosxe" {
					require.Nil(t, r.Facts.Integrity, "%s: only IOS XE has signed boot measurements", r.Device.Name)
				}
			}
			for _, name := range lab.Simulated() {
				require.True(t, covered[name], "the fleet has no %s device: every lab platform is tested", name)
			}
		})
	}
}
