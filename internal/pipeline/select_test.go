package pipeline

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

func loadTestInventory(t *testing.T) *inventory.Inventory {
	t.Helper()
	t.Setenv("FWAUDIT_PIPELINE_TEST_PW", "not-a-password")
	inv, err := LoadInventory("testdata/inventory.yaml", nil)
	require.NoError(t, err)
	return inv
}

func names(ds []inventory.Device) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Name
	}
	return out
}

func TestSelect(t *testing.T) {
	inv := loadTestInventory(t)
	tests := []struct {
		name string
		sel  Selection
		want []string
		err  string
	}{
		{name: "names-select-exactly", sel: Selection{Names: []string{"lon-wan-02"}}, want: []string{"lon-wan-02"}},
		{name: "name-globs", sel: Selection{Names: []string{"fra-*"}}, want: []string{"fra-wan-01", "fra-acc-sw-03"}},
		{name: "unknown-name", sel: Selection{Names: []string{"lon-wan-99"}}, err: `no device is named "lon-wan-99"`},
		{name: "names-and-device", sel: Selection{Names: []string{"lon-wan-02"}, Globs: []string{"fra-*"}}, err: "device names and --device select differently"},
		{name: "names-and-filter", sel: Selection{Names: []string{"lon-wan-02"}, Filter: "site=fra"}, err: "device names and --filter"},
		{name: "names-and-shard", sel: Selection{Names: []string{"lon-wan-02"}, Shard: "0/2"}, err: "device names and --shard"},
		{name: "globs-and-filter", sel: Selection{Globs: []string{"lon-*"}, Filter: "role=wan"}, want: []string{"lon-wan-02", "lon-wan-01"}},
		{name: "everything", sel: Selection{}, want: []string{"lon-wan-02", "lon-acc-sw-01", "fra-wan-01", "lon-wan-01", "fra-acc-sw-03", "nyc-core-01"}},
		{name: "bad-filter", sel: Selection{Filter: "colour=red"}, err: "--filter"},
		{name: "related-needs-names", sel: Selection{Related: true}, err: "--related: name the devices"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			devs, _, err := Select(inv, tc.sel)
			if tc.err != "" {
				require.ErrorIs(t, err, ErrUsage)
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, names(devs))
		})
	}
}

// TestSelectRelated: the subject first, then the related devices ranked by
// what they share (credentials outweigh a site, a site a role), ties in
// inventory order, capped, with the reason for each.
func TestSelectRelated(t *testing.T) {
	inv := loadTestInventory(t)
	devs, rel, err := Select(inv, Selection{Names: []string{"lon-wan-02"}, Related: true})
	require.NoError(t, err)
	// lon-wan-01: credentials+site+role (7); fra-acc-sw-03: credentials (4);
	// lon-acc-sw-01: site (2); fra-wan-01: role (1); nyc-core-01: nothing.
	require.Equal(t, []string{"lon-wan-02", "lon-wan-01", "fra-acc-sw-03", "lon-acc-sw-01", "fra-wan-01"}, names(devs))
	require.Equal(t, "related to lon-wan-02: shares credentials lab, site lon, role wan", rel.Why["lon-wan-01"])
	require.Equal(t, "related to lon-wan-02: shares role wan", rel.Why["fra-wan-01"])
	require.NotContains(t, rel.Why, "lon-wan-02")
	require.Zero(t, rel.Omitted)

	devs, rel, err = Select(inv, Selection{Names: []string{"lon-wan-02"}, Related: true, RelatedMax: 2})
	require.NoError(t, err)
	require.Equal(t, []string{"lon-wan-02", "lon-wan-01", "fra-acc-sw-03"}, names(devs))
	require.Equal(t, 2, rel.Omitted)
}
