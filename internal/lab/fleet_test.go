package lab_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

func TestLoadFleet_Errors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"unknown-key", "devices:\n  - name: a\n    model: X\n    rommon: 1\n    image: a.bin\n    colour: red\n",
			[]string{"fleet.yaml:6: unknown field \"colour\""}},
		{"unknown-top-key", "devcies: []\n", []string{"fleet.yaml:1: unknown field \"devcies\""}},
		{"bad-platform", "defaults: {model: X, rommon: 1, image: a.bin}\ndevices:\n  - name: a\n  - name: b\n    platform: cisco_ftd\n",
			[]string{`fleet.yaml:4: device "b": platform: "cisco_ftd" is not simulated (supported: arista_eos, cisco_asa, cisco_ios, cisco_iosxe, cisco_iosxr, cisco_nxos, juniper_junos)`}},
		{"missing-rommon", "devices:\n  - {name: a, model: X, image: a.bin}\n",
			[]string{`fleet.yaml:2: device "a": rommon: required`}},
		{"duplicate-name", "defaults: {model: X, rommon: 1, image: a.bin}\ndevices:\n  - name: a\n  - name: a\n",
			[]string{`fleet.yaml:4: device "a": name: duplicate of the device on line 3`}},
		{"bad-uptime", "devices:\n  - {name: a, model: X, rommon: 1, image: a.bin, uptime: soon}\n",
			[]string{`fleet.yaml:2: uptime: "soon" is not seconds`}},
		{"bad-config-register", "devices:\n  - {name: a, model: X, rommon: 1, image: a.bin, config_register: 2142}\n",
			[]string{`config_register: "2142" is not a hex value`}},
		{"no-devices", "defaults: {model: X}\n", []string{"fleet.yaml: devices: at least one device is required"}},
		{"syntax", "devices: [\n", []string{"fleet.yaml:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "fleet.yaml")
			require.NoError(t, os.WriteFile(path, []byte(tc.yaml), 0o600))
			_, err := lab.LoadFleet(path)
			require.ErrorIs(t, err, lab.ErrInvalid)
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
			require.Contains(t, err.Error(), path)
		})
	}
}

func TestLoadFleet_ResolvesDefaults(t *testing.T) {
	f, err := lab.LoadFleet(fleetPath)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(f.Devices), 12)
	for i := range f.Devices {
		d := f.Resolved(i)
		require.Contains(t, []string{"cisco_iosxe", "cisco_ios", "cisco_iosxr", "cisco_nxos", "arista_eos", "juniper_junos", "cisco_asa"}, d.Platform, d.Name)
		require.NotEmpty(t, d.ROMMON, d.Name)
		require.NotEmpty(t, d.Files, d.Name)
		require.NotEmpty(t, d.Boot, d.Name)
	}
	inline := labtest.Fleet(t, "defaults: {model: C9300-48P, rommon: \"17.9.1r[FC2]\"}\ndevices:\n  - {name: sw1, image: x.bin, uptime: 90d}\n  - {name: sw2, image: x.bin, uptime: 3600, hostname: SW2}\n")
	sw1, sw2 := inline.Resolved(0), inline.Resolved(1)
	require.Equal(t, "sw1", sw1.Hostname)
	require.Equal(t, "SW2", sw2.Hostname)
	require.Equal(t, []string{"bootflash:x.bin"}, sw1.Boot)
	require.Equal(t, lab.Duration(90*24*time.Hour), sw1.Uptime)
	require.Equal(t, lab.Duration(time.Hour), sw2.Uptime)
	require.Equal(t, "0x2102", sw1.ConfigRegister)
	require.Equal(t, int64(4<<20), sw1.Files[0].Size)
	require.Equal(t, "x.bin", sw1.Files[0].Seed)

	syn := f.Synthetic(200)
	require.Len(t, syn.Devices, 200)
	require.Equal(t, "lab-0200", syn.Resolved(199).Name)
	require.Equal(t, f.Resolved(0).ROMMON, syn.Resolved(199).ROMMON)
}
