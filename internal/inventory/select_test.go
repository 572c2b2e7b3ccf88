package inventory_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

func TestParseFilter(t *testing.T) {
	tests := []struct {
		name, in string
		want     inventory.Filter
		wantErr  string
	}{
		{"empty", "", inventory.Filter{}, ""},
		{"one", "site=dc1", inventory.Filter{"site": {"dc1"}}, ""},
		{"and-or", "site=dc1, role=core,tag=pci,tag=sox", inventory.Filter{"site": {"dc1"}, "role": {"core"}, "tag": {"pci", "sox"}}, ""},
		{"glob", "name=core-*", inventory.Filter{"name": {"core-*"}}, ""},
		{"no-equals", "site=dc1,core", nil, `bad filter: "core": want key=value`},
		{"empty-value", "site=", nil, `bad filter: "site=": want key=value`},
		{"empty-pair", "site=dc1,,role=core", nil, `bad filter: "": want key=value`},
		{"unknown-key", "rack=4", nil, `bad filter: "rack=4": unknown key "rack" (known: address, name, platform, role, site, tag)`},
		{"bad-glob", "name=[core", nil, `bad filter: "name=[core": syntax error in pattern`},
		{"control-chars-escaped", "\x1b[2Jsite=x", nil, `bad filter: "\x1b[2Jsite=x": unknown key "\x1b[2Jsite" (known: address, name, platform, role, site, tag)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := inventory.ParseFilter(tc.in)
			if tc.wantErr != "" {
				require.ErrorIs(t, err, inventory.ErrBadFilter)
				require.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, f)
		})
	}
}

func testInventory() *inventory.Inventory {
	return &inventory.Inventory{Devices: []inventory.Device{
		{Name: "core-rtr-01", Address: "192.0.2.1", Platform: "cisco_iosxe", Site: "dc1", Role: "core", Tags: []string{"pci"}},
		{Name: "core-rtr-02", Address: "192.0.2.2", Platform: "cisco_iosxe", Site: "dc2", Role: "core", Tags: []string{"pci", "sox"}},
		{Name: "edge-01", Address: "198.51.100.1", Platform: "juniper_junos", Site: "dc1", Role: "edge"},
		{Name: "lab-eos", Address: "2001:db8::1", Platform: "arista_eos", Site: "lab", Role: "access", Tags: []string{"lab"}},
	}}
}

func TestSelect(t *testing.T) {
	tests := []struct {
		name    string
		names   []string
		filter  string
		want    []string
		wantErr string
	}{
		{"all", nil, "", []string{"core-rtr-01", "core-rtr-02", "edge-01", "lab-eos"}, ""},
		{"exact", []string{"edge-01"}, "", []string{"edge-01"}, ""},
		{"glob-keeps-inventory-order", []string{"lab-*", "core-*"}, "", []string{"core-rtr-01", "core-rtr-02", "lab-eos"}, ""},
		{"overlap-deduped", []string{"core-*", "core-rtr-01"}, "", []string{"core-rtr-01", "core-rtr-02"}, ""},
		{"filter-and", nil, "site=dc1,role=core", []string{"core-rtr-01"}, ""},
		{"filter-or", nil, "site=dc2,site=lab", []string{"core-rtr-02", "lab-eos"}, ""},
		{"filter-tag", nil, "tag=sox", []string{"core-rtr-02"}, ""},
		{"filter-glob", nil, "address=192.0.2.*", []string{"core-rtr-01", "core-rtr-02"}, ""},
		{"filter-platform", nil, "platform=juniper_junos", []string{"edge-01"}, ""},
		{"names-and-filter", []string{"core-*"}, "site=dc2", []string{"core-rtr-02"}, ""},
		{"typo", []string{"core-rtr-1", "edge-01", "nope*"}, "", nil, `no matching device: no device is named "core-rtr-1", "nope*"`},
		{"bad-glob", []string{"[core"}, "", nil, `no matching device: no device is named "[core"`},
		{"filter-matches-nothing", nil, "site=dc9", nil, `no matching device: filter "site=dc9" matches none of the selected devices`},
		{"names-and-filter-empty", []string{"edge-01"}, "role=core", nil, `no matching device: filter "role=core" matches none of the selected devices`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := inventory.ParseFilter(tc.filter)
			require.NoError(t, err)
			got, err := testInventory().Select(tc.names, f)
			if tc.wantErr != "" {
				require.ErrorIs(t, err, inventory.ErrNoMatch)
				require.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			var names []string
			for _, d := range got {
				names = append(names, d.Name)
			}
			require.Equal(t, tc.want, names)
		})
	}
}

func TestSelectEscapesUntrustedNames(t *testing.T) {
	_, err := testInventory().Select([]string{"x\x1b]0;pwned\x07"}, nil)
	require.EqualError(t, err, `no matching device: no device is named "x\x1b]0;pwned\a"`)
}
