package lab_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
)

const mixedFleet = `
defaults: {config_register: "0x2102"}
devices:
  - {name: nx-1, platform: cisco_nxos, model: N9K-C93180YC-FX, serial: FDO23490570, os_version: "10.3(6)",
     rommon: "07.71", image: nxos64-cs.10.3.6.M.bin, files: [{name: nxos64-cs.10.3.6.M.bin, size: 4096}]}
  - {name: eos-1, platform: arista_eos, model: DCS-7050TX-64-R, serial: JPE15140563, os_version: 4.28.3M,
     rommon: Aboot-norcal6-6.1.10-14653765, image: EOS-4.28.3M.swi, boot: ["flash:/EOS-4.28.3M.swi"],
     files: [{name: EOS-4.28.3M.swi, size: 4096}]}
  - {name: mx-1, platform: juniper_junos, model: MX204, serial: A0001, os_version: 21.4R3-S3.4,
     rommon: "13.1b24", image: junos-install-mx-x86-64-21.4R3-S3.4.tgz,
     files: [{name: junos-install-mx-x86-64-21.4R3-S3.4.tgz, size: 4096}]}
  - {name: xr-1, platform: cisco_iosxr, model: NCS-55A1-24H, serial: FOC2401R0A1, os_version: "7.9.2",
     rommon: "1.16", rommon_other: "1.15", image: ncs5500-xr-7.9.2, files: [{name: ncs5500-xr-7.9.2, size: 4096}]}
  - {name: isr-1, platform: cisco_ios, model: CISCO2911/K9, serial: FTX1840AL01, os_version: "15.7(3)M8",
     rommon: "15.0(1r)M16", rommon_other: "15.0(1r)M15", rommon_region: upgrade,
     image: c2900-universalk9-mz.SPA.157-3.M8.bin, boot: ["flash:c2900-universalk9-mz.SPA.157-3.M8.bin"],
     files: [{name: c2900-universalk9-mz.SPA.157-3.M8.bin, size: 4096}]}
  - {name: cat-1, platform: cisco_ios, model: WS-C6509-E, serial: SMG1234A0BC, os_version: "12.2(33)SXJ10",
     rommon: "12.2(17r)SX7", linecard_firmware: "12.2(14r)S5",
     image: s72033-adventerprisek9_wan-mz.122-33.SXJ10.bin, boot: ["disk0:s72033-adventerprisek9_wan-mz.122-33.SXJ10.bin"],
     files: [{name: s72033-adventerprisek9_wan-mz.122-33.SXJ10.bin, size: 4096}]}
`

// TestScrapligo_Platforms logs in to each simulated platform with
// scrapligo's own platform definition (prompt patterns, privilege
// escalation, paging commands), runs fwaudit's command list for that
// platform and checks the facts fwaudit parses from the outputs.
func TestScrapligo_Platforms(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, mixedFleet), lab.Options{})
	tests := []struct {
		device string
		want   func(t *testing.T, f facts.Facts)
	}{
		{"nx-1", func(t *testing.T, f facts.Facts) {
			require.Equal(t, "N9K-C93180YC-FX", f.Model)
			require.Equal(t, []facts.Component{{Name: "BIOS", Version: "07.71", Source: facts.SourceCLI, Origin: "show version"}}, f.ROMMON)
			require.Equal(t, "bootflash:///nxos64-cs.10.3.6.M.bin", f.Image)
			require.Equal(t, []string{"bootflash:/nxos64-cs.10.3.6.M.bin"}, f.Boot.System)
			require.Equal(t, "10.3(6)", f.OSVersion)
		}},
		{"eos-1", func(t *testing.T, f facts.Facts) {
			require.Equal(t, "DCS-7050TX-64-R", f.Model)
			require.Equal(t, "Aboot-norcal6-6.1.10-14653765", f.ROMMON[0].Version)
			require.Equal(t, []string{"flash:/EOS-4.28.3M.swi"}, f.Boot.System)
			require.Equal(t, []facts.File{{Name: "flash:/EOS-4.28.3M.swi", Size: 4096}}, f.Files)
		}},
		{"mx-1", func(t *testing.T, f facts.Facts) {
			require.Equal(t, "mx204", f.Model)
			require.Equal(t, "A0001", f.Serial)
			require.Equal(t, "21.4R3-S3.4", f.OSVersion)
			require.Len(t, f.ROMMON, 2)
			require.Equal(t, "13.1b24", f.ROMMON[0].Version)
			require.Equal(t, "/var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz", f.Files[0].Name)
		}},
		{"xr-1", func(t *testing.T, f facts.Facts) {
			require.Equal(t, "NCS-55A1-24H", f.Model)
			require.Equal(t, "FOC2401R0A1", f.Serial)
			require.Equal(t, "7.9.2", f.OSVersion)
			require.Equal(t, "ncs5500-xr-7.9.2", f.Image)
			require.Equal(t, []string{"ncs5500-xr-7.9.2"}, f.Boot.System)
			var got []string
			for _, c := range f.ROMMON {
				got = append(got, c.Name+"="+c.Version)
			}
			require.Equal(t, []string{"0/RP0/CPU0 Bios=1.16", "0/RP0/CPU0 BiosGolden=1.15"}, got)
		}},
		{"cat-1", func(t *testing.T, f facts.Facts) {
			require.Equal(t, "WS-C6509-E", f.Model)
			require.Equal(t, "12.2(33)SXJ10", f.OSVersion)
			require.Equal(t, "disk0:s72033-adventerprisek9_wan-mz.122-33.SXJ10.bin", f.Image)
			var got []string
			for _, c := range f.ROMMON {
				got = append(got, c.Name+"="+c.Version+" ("+c.Origin+")")
			}
			// The ROM line is the ROMMON, the BOOTLDR line the boot loader
			// (issue 14), and show module gives each module's firmware.
			require.ElementsMatch(t, []string{"ROMMON=12.2(17r)SX7 (show version)", "BOOTLDR=12.2(33)SXJ10 (show version)",
				"module 1=12.2(14r)S5 (show module)", "module 2=12.2(14r)S5 (show module)", "module 5=12.2(17r)SX7 (show module)"}, got)
			require.Len(t, f.ImageHashes, 1, "verify /sha512 disk0: ran as a follow-up")
		}},
		{"isr-1", func(t *testing.T, f facts.Facts) {
			require.Equal(t, "CISCO2911/K9", f.Model)
			require.Equal(t, "FTX1840AL01", f.Serial)
			require.Equal(t, "15.7(3)M8", f.OSVersion)
			require.Equal(t, "flash:c2900-universalk9-mz.SPA.157-3.M8.bin", f.Image)
			require.Equal(t, []string{"flash:c2900-universalk9-mz.SPA.157-3.M8.bin"}, f.Boot.System)
			require.Equal(t, "0x2102", f.Boot.ConfigRegister)
			require.Equal(t, &facts.ROMRegions{ReadOnly: "15.0(1r)M15", Upgrade: "15.0(1r)M16", Running: "upgrade", NextBoot: "upgrade"}, f.ROMRegions)
			require.Equal(t, "15.0(1r)M16", f.ROMMON[0].Version)
			require.Contains(t, f.Files, facts.File{Name: "flash:c2900-universalk9-mz.SPA.157-3.M8.bin", Size: 4096})
			require.Len(t, f.ImageHashes, 1, "verify /sha512 flash: ran as a follow-up")
			require.Len(t, f.ImageHashes[0].SHA512, 128)
		}},
	}
	// Commands a model of the platform does not have: an ISR has no show
	// module (a Catalyst command), a Catalyst 6500 no ISR ROMMON regions.
	rejected := map[string]bool{"isr-1 " + platform.IOSShowModule: true, "cat-1 " + platform.IOSShowROMMON: true}
	for _, tc := range tests {
		t.Run(tc.device, func(t *testing.T) {
			d := l.Device(tc.device)
			p, err := platform.Lookup(d.Spec().Platform)
			require.NoError(t, err)
			drv := openScrapli(t, p.ScrapliPlatform, d)
			out := platform.Outputs{}
			for _, cmd := range p.Commands {
				r, err := drv.SendCommand(cmd)
				require.NoError(t, err)
				if rejected[tc.device+" "+cmd] {
					require.Error(t, r.Failed, "%s rejects %q", tc.device, cmd)
					out[cmd] = r.Result
					continue
				}
				require.NoError(t, r.Failed, "%q: %s", cmd, r.Result)
				require.NotContains(t, r.Result, "--More--")
				out[cmd] = r.Result
			}
			f, err := p.Parse(out)
			require.NoError(t, err)
			for _, cmd := range p.FollowUp(f) {
				r, err := drv.SendCommand(cmd)
				require.NoError(t, err)
				out[cmd] = r.Result
			}
			f, err = p.Parse(out)
			require.NoError(t, err)
			tc.want(t, f)
		})
	}
}
