package sweep_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
	"fwaudit/internal/sweep"
)

// crossFleet: five clean devices, one whose SNMP agent reports another
// ROMMON than its CLI, one whose SNMP engine claims another uptime.
const crossFleet = `
defaults: {platform: cisco_iosxe, uptime: 97d}
models:
  ISR4331/K9: {rommon: "16.12(2r)", image: isr4300-universalk9.17.09.04a.SPA.bin}
  C9300-48P: {rommon: "17.9.1r[FC2]", image: cat9k_iosxe.17.09.04a.SPA.bin}
devices:
  - {name: clean-1, model: ISR4331/K9}
  - {name: clean-2, model: C9300-48P}
  - {name: clean-3, model: C9300-48P, snmp_user: ops, snmp_auth_protocol: SHA256, snmp_auth_password: a-pass-3, snmp_priv_protocol: AES256, snmp_priv_password: p-pass-3}
  - {name: liar-rom, model: ISR4331/K9, snmp_firmware: "16.7(5r)"}
  - {name: liar-reload, model: C9300-48P, snmp_uptime: 2d}
`

func inventoryOf(t testing.TB, l *lab.Lab) []inventory.Device {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	env := map[string]string{"FWAUDIT_PASSWORD": lab.DefaultPassword, "FWAUDIT_ENABLE": lab.DefaultEnableSecret}
	inv, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{
		KnownPlatforms: platform.Names(),
		Getenv:         func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	})
	require.NoError(t, err)
	return inv.Devices
}

func rulesByDevice(res []sweep.Result) map[string][]string {
	out := map[string][]string{}
	for _, r := range res {
		out[r.Device.Name] = nil
		for _, f := range r.Findings {
			if f.Rule == audit.ROM003 || f.Rule == audit.REL002 {
				out[r.Device.Name] = append(out[r.Device.Name], f.Rule)
			}
		}
	}
	return out
}

// TestSweepSNMP_CrossChecks: a lab sweep with SNMP on finds ROM-003 exactly
// on the device whose channels disagree about ROMMON, REL-002 exactly on
// the one whose channels disagree about the last reload, and nothing on
// the rest.
func TestSweepSNMP_CrossChecks(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, crossFleet), lab.Options{})
	devs := inventoryOf(t, l)
	for _, d := range devs {
		require.True(t, d.Collects(inventory.ChannelSNMP), d.Name)
	}
	res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 4})
	for _, r := range res {
		require.NoError(t, r.Err, r.Device.Name)
		require.NotNil(t, r.Facts.SNMP, r.Device.Name)
		var cli, snmp int
		for _, c := range r.Facts.ROMMON {
			switch c.Source {
			case facts.SourceCLI:
				cli++
			case facts.SourceSNMP:
				snmp++
			}
		}
		require.Positive(t, cli, r.Device.Name)
		require.Positive(t, snmp, r.Device.Name)
	}
	require.Equal(t, map[string][]string{
		"clean-1": nil, "clean-2": nil, "clean-3": nil,
		"liar-rom":    {audit.ROM003},
		"liar-reload": {audit.REL002},
	}, rulesByDevice(res))
}

// TestSweepSNMP_Only: a device with collect: [snmp] is audited from SNMP
// alone: model and serial from the chassis row, ROMMON from
// entPhysicalFirmwareRev, ROM-001 applies.
func TestSweepSNMP_Only(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, crossFleet), lab.Options{})
	devs := inventoryOf(t, l)
	var only []inventory.Device
	for _, d := range devs {
		if d.Name == "clean-1" || d.Name == "liar-rom" {
			d.Collect, d.Credentials = []string{inventory.ChannelSNMP}, inventory.Credentials{}
			only = append(only, d)
		}
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "iosxe.yaml"), []byte(isrBaseline), 0o644))
	set, err := baseline.Load(dir, baseline.LoadOptions{KnownPlatforms: platform.Names()})
	require.NoError(t, err)
	res := sweep.Run(context.Background(), only, sweep.Options{Workers: 2, Baselines: set})
	byName := map[string]sweep.Result{}
	for _, r := range res {
		require.NoError(t, r.Err, r.Device.Name)
		byName[r.Device.Name] = r
		require.Equal(t, "ISR4331/K9", r.Facts.Model)
		require.Equal(t, l.Device(r.Device.Name).Spec().Serial, r.Facts.Serial)
		require.Equal(t, "0x2102", r.Facts.Boot.ConfigRegister)
		for _, c := range r.Facts.ROMMON {
			require.Equal(t, facts.SourceSNMP, c.Source)
		}
		require.Len(t, r.Outputs, 1, "no SSH session: only the SNMP answers")
		require.Contains(t, r.Outputs[collect.SNMPOutputName], `.1.3.6.1.2.1.47.1.1.1.1.9.`, "entPhysicalFirmwareRev kept as evidence")
	}
	require.Empty(t, only1(byName["clean-1"].Findings, audit.ROM001))
	rom := only1(byName["liar-rom"].Findings, audit.ROM001)
	require.Len(t, rom, 1)
	require.Equal(t, "16.7(5r)", rom[0].Observed)
}

var isrBaseline = `platform: cisco_iosxe
models:
  - model: "ISR4331/K9"
    rommon: {approved: ["16.12(2r)"]}
    images: [{file: isr4300-universalk9.17.09.04a.SPA.bin, sha512: "` + sha512Hex + `", size: 4194304}]
    config_register: ["0x2102"]
`

var sha512Hex = strings.Repeat("ab", 64)

func only1(fs []audit.Finding, rule string) []audit.Finding {
	var out []audit.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}
