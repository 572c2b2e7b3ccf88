package collect_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
)

// asaFleet: a Secure Boot ASA 5516-X, a multiple-context 5525-X in its
// admin context, and a 5555-X with every runtime indicator (hand-written
// lab values).
const asaFleet = `
defaults: {platform: cisco_asa}
devices:
  - {name: asa-1, model: ASA5516, serial: JAD222605K8, os_version: 9.16.4.85, rommon: 1.1.18,
     image: asa9-16-4-85-lfbff-k8.SPA, files: [{name: asa9-16-4-85-lfbff-k8.SPA, size: 65536}]}
  - {name: asa-2, model: ASA5525, serial: FCH1234ABCD, os_version: 9.12.4.67, rommon: 2.1(9)8, asa_mode: multiple,
     image: asa9-12-4-67-smp-k8.bin, files: [{name: asa9-12-4-67-smp-k8.bin, size: 65536}]}
  - {name: asa-3, model: ASA5555, serial: FGL1641413L, os_version: 9.12.4.67, rommon: 2.1(9)8,
     asa_lina_cs: true, asa_lina_regions: 2, asa_pattern_hit: true, asa_checkheaps_stuck: true, asa_crash: true,
     asa_logging_disabled: true,
     image: asa9-12-4-67-smp-k8.bin, files: [{name: asa9-12-4-67-smp-k8.bin, size: 65536}, {name: firmware_update.log, size: 2417}]}
`

func asaTarget(t *testing.T, d *lab.Device, hk *hostkey.Store) collect.Target {
	tg := labTarget(t, d, hk)
	tg.Platform = platform.CiscoASA
	return tg
}

// TestCollectSSHASA: fwaudit's scrapligo definition for the ASA (scrapligo
// v1 ships none) logs in at fw>, enables, pages with `terminal pager 0`
// only, runs every command and the verify follow-up, and the facts come
// out of the outputs. The lab records what was sent: no configuration
// command, no `terminal width` / `terminal length`.
func TestCollectSSHASA(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, asaFleet), lab.Options{})
	hk := pinLab(t, l, hostkey.Strict)
	d := l.Device("asa-1")
	res, err := collect.CollectSSH(t.Context(), asaTarget(t, d, hk), nil)
	require.NoError(t, err)
	f, err := platform.ParseASA(res.Outputs)
	require.NoError(t, err)
	require.Equal(t, "ASA5516", f.Model)
	require.Equal(t, "9.16.4.85", f.OSVersion)
	require.Equal(t, "9.16(4)85", f.OSVersionRaw)
	require.Equal(t, "1.1.18", f.ROMMON[0].Version)
	require.Equal(t, "disk0:/asa9-16-4-85-lfbff-k8.SPA", f.Image)
	require.Equal(t, []string{"disk0:/asa9-16-4-85-lfbff-k8.SPA"}, f.Boot.System)
	require.Len(t, f.ImageHashes, 1, "verify /sha-512 ran as a follow-up")
	require.Len(t, f.ImageHashes[0].SHA512, 128)
	require.NotNil(t, f.Firewall)
	require.Equal(t, "single", f.Firewall.ContextMode)
	require.NotContains(t, res.Outputs, platform.ASAChangetoSystem, "a single-mode ASA is not switched")
	requireReadOnly(t, d)
}

// requireReadOnly: the lab ASA received enable, terminal pager 0 and show /
// dir / verify / more / changeto commands only.
func requireReadOnly(t *testing.T, d *lab.Device) {
	t.Helper()
	sent := d.Sent()
	require.NotEmpty(t, sent)
	require.Contains(t, sent, "terminal pager 0")
	for _, line := range sent {
		w := strings.Fields(strings.ToLower(line))
		if len(w) == 0 {
			continue
		}
		switch w[0] {
		case "show", "dir", "verify", "more", "changeto", "enable", "exit":
			continue
		case "terminal":
			if len(w) == 3 && w[1] == "pager" && w[2] == "0" {
				continue
			}
		}
		if line == lab.DefaultEnableSecret {
			continue // the enable password prompt's answer
		}
		t.Errorf("the ASA was sent %q, which is not a read-only exec command", line)
	}
}

// TestCollectSSHASAMultipleContext: show mode says multiple, so the
// session sends `changeto system` before the platform checks; in the
// admin context the lab refuses them, so the facts prove the switch.
func TestCollectSSHASAMultipleContext(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, asaFleet), lab.Options{})
	hk := pinLab(t, l, hostkey.Strict)
	d := l.Device("asa-2")
	res, err := collect.CollectSSH(t.Context(), asaTarget(t, d, hk), nil)
	require.NoError(t, err)
	require.Equal(t, "", res.Outputs[platform.ASAChangetoSystem])
	require.Equal(t, platform.ASAShowMode, res.Commands[0].Command)
	require.Equal(t, platform.ASAChangetoSystem, res.Commands[1].Command)
	f, err := platform.ParseASA(res.Outputs)
	require.NoError(t, err)
	require.Equal(t, "multiple", f.Firewall.ContextMode)
	require.Equal(t, "system", f.Firewall.Context)
	require.Equal(t, "ASA5525", f.Model)
	require.Equal(t, "2.1(9)8", f.ROMMON[0].Version)
	requireReadOnly(t, d)
}

// TestCollectSSHASAAdminContextWithoutChangeto: the same device read
// without the session step stays in the admin context and the lab refuses
// the hardware commands (the step is what makes the difference).
func TestCollectSSHASAAdminContextWithoutChangeto(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, asaFleet), lab.Options{})
	hk := pinLab(t, l, hostkey.Strict)
	tg := asaTarget(t, l.Device("asa-2"), hk)
	tg.Platform.AfterCommand = nil
	res, err := collect.CollectSSH(t.Context(), tg, nil)
	require.NoError(t, err)
	require.Contains(t, res.Outputs[platform.ASAShowModule], "ERROR: % Invalid input")
	f, _ := platform.ParseASA(res.Outputs)
	require.Empty(t, f.ROMMON)
	require.Equal(t, "user context", f.Firewall.Context)
}

// TestCollectSSHASADeep: --deep runs the text hash, the pattern hunt,
// checkheaps twice DeepInterval apart and the recursive listing; the lab's
// checkheaps counter moves once a second.
func TestCollectSSHASADeep(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, asaFleet), lab.Options{})
	hk := pinLab(t, l, hostkey.Strict)
	for name, want := range map[string]struct{ hit, moved bool }{"asa-1": {false, true}, "asa-3": {true, false}} {
		t.Run(name, func(t *testing.T) {
			tg := asaTarget(t, l.Device(name), hk)
			tg.Deep, tg.DeepInterval = true, 1500*time.Millisecond
			res, err := collect.CollectSSH(t.Context(), tg, nil)
			require.NoError(t, err)
			for _, k := range []string{platform.ASAVerifyText, platform.ASAPatternHunt, platform.ASACheckheaps, platform.ASACheckheapsRun(2), platform.ASADirRecursive} {
				require.Contains(t, res.Outputs, k)
			}
			require.NotContains(t, res.Outputs, platform.ASAVerifyTextMemory, "system:/text answered: no fallback")
			f, err := platform.ParseASA(res.Outputs)
			require.NoError(t, err)
			rt := f.Firewall.Runtime
			require.Len(t, rt.TextSHA512, 128)
			require.Equal(t, want.hit, len(rt.PatternHits) > 0)
			require.Len(t, rt.Checkheaps, 2)
			require.Equal(t, want.moved, rt.Checkheaps[1].Runs > rt.Checkheaps[0].Runs)
		})
	}
}
