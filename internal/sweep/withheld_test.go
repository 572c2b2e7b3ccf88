package sweep_test

import (
	"cmp"
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
	"fwaudit/internal/report"
	"fwaudit/internal/store"
	"fwaudit/internal/sweep"
)

// sweepAndSave runs one sweep with st as its history and saves every
// result to st, as a sweep with a state file does.
func sweepAndSave(t *testing.T, st *store.Store, devs []inventory.Device, opts sweep.Options) []sweep.Result {
	t.Helper()
	ctx := context.Background()
	run, err := st.BeginRun(ctx, "", time.Now())
	require.NoError(t, err)
	opts.History = st
	res := sweep.Run(ctx, devs, opts)
	for _, r := range res {
		rec := store.Record{Device: r.Device.Name, TakenAt: r.Finished, Started: r.Started, Finished: r.Finished,
			Facts: r.Facts, Findings: r.Findings, Outputs: r.Outputs}
		if r.Err != nil {
			rec.Err = r.Err.Error()
		}
		_, err := st.Save(ctx, run, rec)
		require.NoError(t, err)
	}
	return res
}

// TestSweepWithheldImageHash: a device that hashed its image on the first
// sweep and answers `verify /sha512` with %Error on the second is reported
// (FACT-001) and not assessed, instead of passing as "nothing changed".
func TestSweepWithheldImageHash(t *testing.T) {
	l, devs := hostileLab(t, 1, nil)
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "state.db"), store.Options{ProgramVersion: "test"})
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	opts := sweep.Options{Workers: 1, Baselines: loadBaselines(t), Retries: -1}

	first := sweepAndSave(t, st, devs, opts)
	require.NoError(t, first[0].Err)
	require.NotEmpty(t, first[0].Facts.ImageHashes, "the clean device hashes its image")
	for _, f := range first[0].Findings {
		require.NotEqual(t, audit.FACT001, f.Rule, "first sight: nothing withheld yet")
	}

	require.NoError(t, l.Device(devs[0].Name).Update(func(s *lab.DeviceSpec) { s.Hostile = lab.HostileVerifyError }))
	second := sweepAndSave(t, st, devs, opts)
	require.NoError(t, second[0].Err)
	var withheld []string
	for _, f := range second[0].Findings {
		if f.Rule == audit.FACT001 {
			withheld = append(withheld, f.Observed)
		}
	}
	require.Contains(t, withheld, "running image hash no longer reported")
	require.False(t, audit.Assess(second[0].Findings).Assessed, "a withheld hash is no verdict")
}

// withheldFleet has one device of every platform, each hiding its boot
// firmware from the CLI (hostile: rommon-withheld), an IOS XE device
// refusing verify /sha512 and one dropping its image from show version;
// their SNMP agents answer honestly.
const withheldFleet = `
defaults: {config_register: "0x2102"}
devices:
  - {name: xe-1, platform: cisco_iosxe, model: C9300-48P, serial: FOC0001, os_version: "17.09.04a", rommon: "17.9.1r[FC2]",
     image: cat9k_iosxe.17.09.04a.SPA.bin, files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 4096}]}
  - {name: xe-noverify, platform: cisco_iosxe, model: C9300-48P, serial: FOC0002, os_version: "17.09.04a", rommon: "17.9.1r[FC2]",
     image: cat9k_iosxe.17.09.04a.SPA.bin, files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 4096}], hostile: verify-error}
  - {name: xe-noimage, platform: cisco_iosxe, model: C9300-48P, serial: FOC0003, os_version: "17.09.04a", rommon: "17.9.1r[FC2]",
     image: cat9k_iosxe.17.09.04a.SPA.bin, files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 4096}], hostile: image-withheld}
  - {name: eos-1, platform: arista_eos, model: DCS-7050TX-64-R, serial: JPE15140563, os_version: 4.28.3M,
     rommon: Aboot-norcal6-6.1.10-14653765, image: EOS-4.28.3M.swi, boot: ["flash:/EOS-4.28.3M.swi"],
     files: [{name: EOS-4.28.3M.swi, size: 4096}]}
  - {name: isr-1, platform: cisco_ios, model: CISCO2911/K9, serial: FTX1840AL01, os_version: "15.7(3)M8",
     rommon: "15.0(1r)M15", image: c2900-universalk9-mz.SPA.157-3.M8.bin, boot: ["flash:c2900-universalk9-mz.SPA.157-3.M8.bin"],
     files: [{name: c2900-universalk9-mz.SPA.157-3.M8.bin, size: 4096}]}
  - {name: nx-1, platform: cisco_nxos, model: N9K-C93180YC-FX, serial: FDO23490570, os_version: "10.3(6)",
     rommon: "07.71", image: nxos64-cs.10.3.6.M.bin, files: [{name: nxos64-cs.10.3.6.M.bin, size: 4096}]}
  - {name: mx-1, platform: juniper_junos, model: MX204, serial: A0001, os_version: 21.4R3-S3.4,
     rommon: "13.1b24", image: junos-install-mx-x86-64-21.4R3-S3.4.tgz,
     files: [{name: junos-install-mx-x86-64-21.4R3-S3.4.tgz, size: 4096}]}
  - {name: xr-1, platform: cisco_iosxr, model: NCS-55A1-24H, serial: FOC2401R0A1, os_version: "7.9.2",
     rommon: "1.16", image: ncs5500-xr-7.9.2, files: [{name: ncs5500-xr-7.9.2, size: 4096}]}
  - {name: asa-1, platform: cisco_asa, model: ASA5516, serial: JAD2211001A, os_version: 9.16.4.85, rommon: "1.1.18",
     config_register: "0x1", image: asa9-16-4-85-lfbff-k8.SPA, files: [{name: asa9-16-4-85-lfbff-k8.SPA, size: 4096}]}
  - {name: asa-2, platform: cisco_asa, model: ASA5525, serial: FCH1901J0AB, os_version: 9.12.4.72, rommon: "2.1(9)8",
     config_register: "0x1", image: asa9-12-4-72-smp-k8.bin, files: [{name: asa9-12-4-72-smp-k8.bin, size: 4096}]}
`

// TestSweepWithheldOnFirstSight: with no history at all, a device that
// hides its boot firmware from the CLI (every platform), refuses verify
// /sha512 or drops its image from show version is reported (FACT-001, from the platform's must-yield list) and
// not clean, instead of passing because nothing could be compared.
func TestSweepWithheldOnFirstSight(t *testing.T) {
	f := labtest.Fleet(t, withheldFleet)
	for i := range f.Devices {
		if f.Devices[i].Hostile == "" {
			f.Devices[i].Hostile = lab.HostileROMMONWithheld
		}
	}
	l := labtest.StartFleet(t, f, lab.Options{})
	devs := inventoryOf(t, l)
	res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 2, Baselines: loadBaselines(t), Retries: -1})
	want := map[string]string{"xe-noverify": "running image hash not reported", "xe-noimage": "running image not reported"}
	seen := map[string]bool{}
	for _, r := range res {
		require.NoError(t, r.Err, r.Device.Name)
		require.NotEmpty(t, r.Facts.Model, "%s: the rest of the CLI answered", r.Device.Name)
		observed := cmp.Or(want[r.Device.Name], "ROMMON version (cli) not reported")
		var withheld []string
		for _, f := range r.Findings {
			if f.Rule == audit.FACT001 {
				withheld = append(withheld, f.Observed)
				require.Equal(t, audit.High, f.Severity)
			}
		}
		require.Contains(t, withheld, observed, "%s %+v", r.Device.Name, r.Facts.ROMMON)
		rd := report.Device{Name: r.Device.Name, Findings: r.Findings}
		require.NotEqual(t, report.StatusClean, rd.Status(), r.Device.Name)
		require.False(t, audit.Assess(r.Findings).Assessed, r.Device.Name)
		seen[r.Device.Platform] = true
	}
	for _, p := range platform.Names() {
		require.True(t, seen[p], "platform %s has no withholding device in the fleet", p)
	}
}

// TestSweepMustYieldListsAreTrue sweeps the shipped lab fleet (every
// platform) over SSH alone, with no history: every fact a platform says it
// always yields is there, read from the CLI, and no device gets FACT-001.
// A list claiming a fact the platform does not print fails here.
func TestSweepMustYieldListsAreTrue(t *testing.T) {
	devs := labDevices(t, 0)
	for i := range devs {
		devs[i].Collect = []string{inventory.ChannelSSH} // the CLI alone, no SNMP fill-in
	}
	res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 4, Baselines: loadBaselines(t), Retries: -1})
	seen := map[string]bool{}
	for _, r := range res {
		require.NoError(t, r.Err, r.Device.Name)
		p, err := platform.Lookup(r.Device.Platform)
		require.NoError(t, err)
		seen[p.Name] = true
		for _, fact := range p.MustYield {
			require.True(t, yielded(r.Facts, fact), "%s (%s) did not yield %s", r.Device.Name, p.Name, fact)
		}
		for _, f := range r.Findings {
			require.NotEqual(t, audit.FACT001, f.Rule, "%s: %s", r.Device.Name, f.Observed)
		}
	}
	for _, p := range platform.Names() {
		require.True(t, seen[p], "platform %s has no device in the lab fleet", p)
	}
}

// yielded reports whether f holds fact, as the CLI gave it.
func yielded(f facts.Facts, fact facts.Fact) bool {
	switch fact {
	case facts.FactROMMON:
		return slices.ContainsFunc(f.ROMMON, func(c facts.Component) bool { return c.Source == facts.SourceCLI && c.Version != "" })
	case facts.FactImage:
		return f.Image != ""
	case facts.FactImageHash:
		return slices.ContainsFunc(f.ImageHashes, func(h facts.ImageHash) bool { return h.Source == facts.SourceDevice })
	case facts.FactConfigRegister:
		return f.Boot.ConfigRegister != ""
	}
	return false
}

// TestSweepLogFloodIsReported: a device that buries a root login from
// outside the management networks under 100,001 harmless log events (under
// the per-command cap) is not clean: PARSE-001 says how many events were
// past the parser's cap, and the device is unassessed (exit 2), not clean.
func TestSweepLogFloodIsReported(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 4.8 MB of log over SSH")
	}
	const fleet = `
defaults: {platform: cisco_iosxe, uptime: 97d}
models:
  C9300-48P: {rommon: "17.9.1r[FC2]", image: cat9k_iosxe.17.09.04a.SPA.bin, config_register: "0x2102",
              files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 8388608}]}
devices:
  - name: flooded-sw
    model: C9300-48P
    serial: FOC0000L0G1
    hostile: log-flood
    logs: ["*Nov 25 02:30:00.000: %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: root] [Source: 203.0.113.66] [localport: 22] at 02:30:00 UTC Wed Nov 25 2026"]
`
	l := labtest.StartFleet(t, labtest.Fleet(t, fleet), lab.Options{})
	devs := inventoryOf(t, l)
	res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 1, Baselines: loadBaselines(t), Retries: -1,
		CommandTimeout: 60 * time.Second, DeviceTimeout: 120 * time.Second})
	require.NoError(t, res[0].Err)
	require.Equal(t, 3, res[0].Facts.LogsDropped, "the last flood event, the boot's restart and the login")
	var capped []string
	for _, f := range res[0].Findings {
		require.NotEqual(t, audit.LOG001, f.Rule, "the login was past the cap: not judged, reported instead")
		if f.Rule == audit.PARSE001 {
			capped = append(capped, f.Observed)
		}
	}
	require.Contains(t, capped, "log cap reached: 3 log event(s) not judged")
	rd := report.Device{Name: res[0].Device.Name, Findings: res[0].Findings}
	require.Equal(t, report.StatusUnassessed, rd.Status())
}
