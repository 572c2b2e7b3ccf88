package sweep_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
	"fwaudit/internal/sweep"
)

// asaRulesFleet: one lab ASA per fault, and clean ones of each model
// (5516-X with Secure Boot; 5525-X / 5555-X without, past end of support).
// The approved values are the shipped baselines/cisco_asa.yaml.
const asaRulesFleet = `
defaults: {platform: cisco_asa, model: ASA5516, os_version: 9.16.4.85, rommon: 1.1.18, config_register: "0x1",
  image: asa9-16-4-85-lfbff-k8.SPA, uptime: 40d}
models:
  ASA5516: {files: [{name: asa9-16-4-85-lfbff-k8.SPA, size: 8388608}]}
  ASA5525: {os_version: 9.12.4.72, rommon: 2.1(9)8, image: asa9-12-4-72-smp-k8.bin, files: [{name: asa9-12-4-72-smp-k8.bin, size: 8388608}]}
  ASA5555: {os_version: 9.12.4.72, rommon: 2.1(9)8, image: asa9-12-4-72-smp-k8.bin, files: [{name: asa9-12-4-72-smp-k8.bin, size: 8388608}]}
devices:
  - {name: clean-5516, serial: JAD0000001}
  - {name: ctx-5516, serial: JAD0000002, asa_mode: multiple}
  - {name: eos-5525, model: ASA5525, serial: FCH0000003}
  - {name: eos-5555, model: ASA5555, serial: FGL0000004, asa_mode: multiple}
  - {name: fwlog-5516, serial: JAD0000005, files: [{name: asa9-16-4-85-lfbff-k8.SPA, size: 8388608}, {name: firmware_update.log, size: 2417}]}
  - {name: text-5516, serial: JAD0000006, asa_text_seed: patched-in-memory}
  - {name: linacs-5516, serial: JAD0000007, asa_lina_cs: true}
  - {name: regions-5516, serial: JAD0000008, asa_lina_regions: 2}
  - {name: pattern-5516, serial: JAD0000009, asa_pattern_hit: true}
  - {name: heaps-5516, serial: JAD0000010, asa_checkheaps_stuck: true}
  - {name: nolog-5516, serial: JAD0000011, asa_logging_disabled: true}
  - {name: crash-5516, serial: JAD0000012, asa_crash: true}
  - {name: affected-5516, serial: JAD0000013, os_version: 9.16.4.71}
  - {name: snmprom-5516, serial: JAD0000014, snmp_firmware: 1.1.12}
  - {name: unsigned-5516, serial: JAD0000015, image_type: Development}
`

// asaRules are the rules each device of asaRulesFleet is judged on.
var asaRules = []string{"HW-001", "ROM-006", "MEM-001", "MEM-002", "LOG-003", "CRASH-001", "ADV-001", "ROM-003", "SIG-001"}

// TestSweepASARules sweeps the lab ASAs over SSH and SNMP in deep mode
// with the shipped baselines and advisory feed, hashing the images off the
// box (SFTP, then SCP): each rule fires on the device with its fault and
// stays quiet on the clean ones (clean-5516 and ctx-5516 have none); every
// image is hashed off the box at disk0:/ and matches the baseline.
func TestSweepASARules(t *testing.T) {
	want := map[string][]string{
		"clean-5516": nil, "ctx-5516": nil,
		"eos-5525": {"HW-001"}, "eos-5555": {"HW-001"},
		"fwlog-5516":  {"ROM-006"},
		"text-5516":   {"MEM-001"},
		"linacs-5516": {"MEM-002"}, "regions-5516": {"MEM-002"}, "pattern-5516": {"MEM-002"}, "heaps-5516": {"MEM-002"},
		"nolog-5516":    {"LOG-003"},
		"crash-5516":    {"CRASH-001"},
		"affected-5516": {"ADV-001"},
		"snmprom-5516":  {"ROM-003"},
		"unsigned-5516": {"SIG-001"},
	}
	set, err := baseline.Load("../../baselines", baseline.LoadOptions{KnownPlatforms: platform.Names()})
	require.NoError(t, err)
	adv, err := baseline.LoadAdvisories("../../baselines/advisories", baseline.LoadOptions{KnownPlatforms: append(platform.Names(), platform.AdvisoryOnly()...)})
	require.NoError(t, err)
	for _, proto := range []string{"sftp", "scp"} {
		t.Run(proto, func(t *testing.T) {
			l := labtest.StartFleet(t, labtest.Fleet(t, asaRulesFleet), lab.Options{})
			dir := t.TempDir()
			require.NoError(t, l.WriteInventory(dir))
			env := map[string]string{"FWAUDIT_PASSWORD": lab.DefaultPassword, "FWAUDIT_ENABLE": lab.DefaultEnableSecret}
			inv, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{
				KnownPlatforms: platform.Names(),
				Getenv:         func(k string) (string, bool) { v, ok := env[k]; return v, ok },
			})
			require.NoError(t, err)
			res := sweep.Run(context.Background(), inv.Devices, sweep.Options{Workers: 8, Baselines: set, Advisories: adv,
				Deep: true, DeepInterval: 1500 * time.Millisecond,
				Offbox: sweep.OffboxOptions{Enabled: true, Hasher: newHasher(t, proto)}})
			require.Len(t, res, len(want))
			for _, r := range res {
				require.NoError(t, r.Err, r.Device.Name)
				var got []string
				for _, f := range r.Findings {
					if slices.Contains(asaRules, f.Rule) && !slices.Contains(got, f.Rule) {
						got = append(got, f.Rule)
					}
				}
				require.Equal(t, want[r.Device.Name], got, "%s: %v", r.Device.Name, r.Findings)

				fw := r.Facts.Firewall
				require.NotNil(t, fw, r.Device.Name)
				if spec := l.Device(r.Device.Name).Spec(); spec.ASAMode == "multiple" {
					require.Equal(t, "system", fw.Context, r.Device.Name)
				}
				require.Len(t, fw.Runtime.TextSHA512, 128, "deep mode hashed the text segment on %s", r.Device.Name)
				var off []facts.ImageHash
				for _, h := range r.Facts.ImageHashes {
					if h.Source == facts.SourceOffbox {
						off = append(off, h)
					}
				}
				require.Len(t, off, 1, r.Device.Name)
				require.Equal(t, "disk0:/"+l.Device(r.Device.Name).Spec().Image, off[0].File)
				require.Equal(t, lab.ImageSHA512(l.Device(r.Device.Name).Spec().Image, 8388608), off[0].SHA512, r.Device.Name)
			}
		})
	}
}

// TestSweepFTDUnassessed: a Firepower Threat Defense on ASA hardware
// (lab asa_ftd: its diagnostic CLI prints the firepower banner, then the
// ASA lines) is reported unassessed with the reason, whether the
// inventory declares it cisco_asa or leaves the platform to detection,
// and never gets a verdict (issue 13).
func TestSweepFTDUnassessed(t *testing.T) {
	f := labtest.Fleet(t, `
defaults: {platform: cisco_asa, model: ASA5516, os_version: 9.16.4.85, rommon: 1.1.18, config_register: "0x1",
  image: asa9-16-4-85-lfbff-k8.SPA, files: [{name: asa9-16-4-85-lfbff-k8.SPA, size: 4096}]}
devices:
  - {name: ftd-declared, serial: JAD0000101, asa_ftd: true}
  - {name: ftd-detected, serial: JAD0000102, asa_ftd: true}
  - {name: asa-control, serial: JAD0000103}
`)
	l := labtest.StartFleet(t, f, lab.Options{})
	devs := inventoryOf(t, l)
	for i := range devs {
		if devs[i].Name == "ftd-detected" {
			devs[i].Platform = "" // as the inventory leaves "platform: auto": detect it
		}
	}
	res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 2, Baselines: loadBaselines(t), Retries: -1})
	require.Len(t, res, 3)
	for _, r := range res {
		if r.Device.Name == "asa-control" {
			require.NoError(t, r.Err, "the same lab device without asa_ftd is audited")
			continue
		}
		require.ErrorIs(t, r.Err, sweep.ErrPlatformUnassessed, r.Device.Name)
		require.ErrorContains(t, r.Err, "cisco_ftd", r.Device.Name)
		require.ErrorContains(t, r.Err, "not audited", r.Device.Name)
		require.Empty(t, r.Findings, "%s: no rule judged an unassessed platform", r.Device.Name)
	}
}
