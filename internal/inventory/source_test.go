package inventory_test

import (
	"bytes"
	"errors"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

// fleetDevice is what every source must agree on for the test fleet.
type fleetDevice struct {
	Name, Address, Platform, Site, Role string
	Port                                int
}

var wantFleet = []fleetDevice{
	{"core-rtr-01", "192.0.2.1", "cisco_iosxe", "dc1", "core", 22},
	{"dist-sw-01", "192.0.2.11", "cisco_nxos", "dc1", "distribution", 22},
	{"edge-01", "198.51.100.1", "juniper_junos", "dc2", "edge", 22},
	{"wan-rtr-01", "198.51.100.9", "cisco_iosxr", "dc2", "wan", 22},
	{"leaf-01", "203.0.113.5", "arista_eos", "dc2", "leaf", 22},
	// Every source calls branch-01 ios / cisco-ios, which other tools use
	// for IOS and IOS XE alike: the sweep detects it (platform "").
	{"branch-01", "203.0.113.20", "", "br1", "access", 22},
}

func fleet(devs []inventory.Device) []fleetDevice {
	var out []fleetDevice
	for _, d := range devs {
		out = append(out, fleetDevice{d.Name, d.Address, d.Platform, d.Site, d.Role, d.Port})
	}
	return out
}

func sourceEnv() func(string) (string, bool) {
	return getenv(map[string]string{"FWAUDIT_PASSWORD": "pw", "FWAUDIT_NETBOX_TOKEN": testToken})
}

// TestSourcesLoadTheSameFleet loads the same six devices from every
// foreign format, each through an fwaudit overlay that lists the source.
func TestSourcesLoadTheSameFleet(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		tags     map[string][]string // device → tags, for a few devices
		wantFile string
	}{
		{name: "ansible-yaml", path: "testdata/sources/ansible-yaml.yaml",
			tags:     map[string][]string{"core-rtr-01": {"dc1", "core"}, "edge-01": {"dc2"}},
			wantFile: "testdata/sources/ansible/hosts.yaml"},
		{name: "ansible-ini", path: "testdata/sources/ansible-ini.yaml",
			tags:     map[string][]string{"core-rtr-01": {"dc1", "core"}, "dist-sw-01": {"dc1", "distribution"}},
			wantFile: "testdata/sources/ansible/hosts.ini"},
		{name: "nornir", path: "testdata/sources/nornir.yaml",
			tags:     map[string][]string{"core-rtr-01": {"dc1", "core"}, "branch-01": {"branch"}},
			wantFile: "testdata/sources/nornir/hosts.yaml"},
		{name: "oxidized", path: "testdata/sources/oxidized.yaml",
			tags:     map[string][]string{"core-rtr-01": {"dc1-core"}},
			wantFile: "testdata/sources/oxidized/router.db"},
		{name: "netbox-export", path: "testdata/sources/netbox-export.yaml",
			tags:     map[string][]string{"core-rtr-01": {"pci"}, "edge-01": {"internet"}, "leaf-01": nil},
			wantFile: "testdata/sources/netbox/export.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			inv, err := inventory.Load(tc.path, inventory.LoadOptions{Getenv: sourceEnv(),
				Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			require.NoError(t, err)
			require.Equal(t, wantFleet, fleet(inv.Devices))
			byName := map[string]inventory.Device{}
			for _, d := range inv.Devices {
				byName[d.Name] = d
				require.Equal(t, "netops", d.Credentials.Name, d.Name)
				require.Equal(t, "pw", d.Credentials.Password.Reveal())
				require.Equal(t, inventory.PolicyTOFU, d.SSH.HostKeyPolicy)
				// known_hosts beside the fwaudit file, not inside the foreign repo.
				require.Equal(t, filepath.Join("testdata", "sources", "known_hosts"), d.SSH.KnownHosts)
				require.Equal(t, tc.wantFile, d.File)
			}
			for name, tags := range tc.tags {
				require.Equal(t, tags, byName[name].Tags, name)
			}
			require.NotContains(t, logs.String(), "hunter2")
			require.NotContains(t, logs.String(), "en4ble")
		})
	}
}

func TestSourceOverlayGroupsApply(t *testing.T) {
	inv, err := inventory.Load("testdata/sources/oxidized.yaml", inventory.LoadOptions{Getenv: sourceEnv()})
	require.NoError(t, err)
	require.Equal(t, []string{"dc1-core"}, inv.Devices[0].Groups)
	require.Equal(t, 2, inv.Devices[0].Line)
}

func TestSourceMixedWithOwnDevices(t *testing.T) {
	inv, err := inventory.Load("testdata/sources/mixed.yaml", inventory.LoadOptions{Getenv: sourceEnv()})
	require.NoError(t, err)
	require.Len(t, inv.Devices, 7)
	own := inv.Devices[0]
	require.Equal(t, "lab-rtr-99", own.Name)
	require.Equal(t, "testdata/sources/mixed.yaml", own.File)
	require.Equal(t, 11, own.Line, "lines after sources: keep their numbers")
}

func TestSourcePlaintextCredentials(t *testing.T) {
	t.Run("ignored-with-warning", func(t *testing.T) {
		var logs bytes.Buffer
		_, err := inventory.Load("testdata/sources/ansible-yaml.yaml", inventory.LoadOptions{Getenv: sourceEnv(),
			Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		require.NoError(t, err)
		require.Contains(t, logs.String(), "plain-text credential in inventory source ignored")
		require.Contains(t, logs.String(), "field=ansible_password")
		require.Contains(t, logs.String(), "field=ansible_become_password")
		require.NotContains(t, logs.String(), "hunter2")
	})
	t.Run("opt-in", func(t *testing.T) {
		var logs bytes.Buffer
		inv, err := inventory.Load("ansible:testdata/sources/ansible/hosts.ini?allow_plaintext_credentials=1",
			inventory.LoadOptions{Getenv: sourceEnv(), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		require.Error(t, err, "devices without a password still need credentials")
		require.Contains(t, err.Error(), `device "dist-sw-01": credentials: required for ssh`)
		require.Nil(t, inv)

		inv, err = inventory.Load("nornir:testdata/sources/nornir?allow_plaintext_credentials=1&defaults=testdata/sources/defaults-only.yaml",
			inventory.LoadOptions{Getenv: sourceEnv(), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		require.NoError(t, err)
		core := inv.Devices[0]
		require.Equal(t, "nornir:core-rtr-01", core.Credentials.Name)
		require.Equal(t, "netops", core.Credentials.Username)
		require.Equal(t, "hunter2", core.Credentials.Password.Reveal())
		require.True(t, core.Credentials.PlainPasswordWarning)
		require.Equal(t, "netops", inv.Devices[1].Credentials.Name, "others use the overlay's defaults")
		require.NotContains(t, logs.String(), "hunter2")
	})
}

func TestSourceDirectWithDefaults(t *testing.T) {
	for _, spec := range []string{
		"testdata/sources/ansible/hosts.yaml?defaults=testdata/sources/defaults-only.yaml",
		"oxidized:testdata/sources/oxidized/router.db?map=name,ip,model,group&defaults=testdata/sources/defaults-only.yaml",
		"testdata/sources/nornir?defaults=testdata/sources/defaults-only.yaml",
		"netbox:testdata/sources/netbox/export.json?defaults=testdata/sources/defaults-only.yaml",
	} {
		inv, err := inventory.Load(spec, inventory.LoadOptions{Getenv: sourceEnv()})
		require.NoError(t, err, spec)
		require.Len(t, inv.Devices, 6, spec)
		require.Equal(t, filepath.Join("testdata", "sources", "known_hosts"), inv.Devices[0].SSH.KnownHosts)
	}
}

func TestSourceErrors(t *testing.T) {
	tests := []struct {
		name, path string
		want       []string
	}{
		{name: "host-range", path: "ansible:testdata/sources/invalid/range.ini?defaults=testdata/sources/defaults-only.yaml",
			want: []string{`testdata/sources/invalid/range.ini:2: host "r[01:10]": host: host ranges are not supported`}},
		{name: "bad-map", path: "oxidized:testdata/sources/oxidized/router.db?map=name,address",
			want: []string{`map: unknown column "address"`}},
		{name: "bad-option", path: "ansible:testdata/sources/ansible/hosts.ini?allow_plaintext=1",
			want: []string{`unknown option "allow_plaintext"`}},
		{name: "bad-source-in-file", path: "testdata/sources/invalid/sources.yaml",
			want: []string{`testdata/sources/invalid/sources.yaml:3: sources: sources[0]: ansible source "ansible:missing.ini": load inventory: open testdata/sources/invalid/missing.ini: no such file or directory`,
				`testdata/sources/invalid/sources.yaml:4: sources: sources[1]: "foo/bar" is not a known source`,
				`testdata/sources/invalid/sources.yaml:6: unknown top-level key "sourcez"`}},
		{name: "nornir-syntax-deep", path: "nornir:testdata/sources/invalid/nornir?defaults=testdata/sources/defaults-only.yaml",
			want: []string{`testdata/sources/invalid/nornir/hosts.yaml: yaml: line 43: `}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := inventory.Load(tc.path, inventory.LoadOptions{Getenv: sourceEnv()})
			require.Error(t, err)
			require.True(t, errors.Is(err, inventory.ErrInvalid))
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}
