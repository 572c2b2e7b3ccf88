package inventory_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		want    inventory.Shard
		wantErr bool
	}{
		{in: "", want: inventory.Shard{K: 0, N: 1}},
		{in: "0/1", want: inventory.Shard{K: 0, N: 1}},
		{in: "3/4", want: inventory.Shard{K: 3, N: 4}},
		{in: "4/4", wantErr: true},
		{in: "-1/4", wantErr: true},
		{in: "1/0", wantErr: true},
		{in: "1", wantErr: true},
		{in: "a/b", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := inventory.ParseShard(tc.in)
			if tc.wantErr {
				require.ErrorContains(t, err, "want K/N")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

// TestShardsDisjointAndCover: for several N, every device is in exactly one
// shard, order is kept, and no shard is wildly unbalanced.
func TestShardsDisjointAndCover(t *testing.T) {
	var devs []inventory.Device
	for i := range 1000 {
		devs = append(devs, inventory.Device{Name: fmt.Sprintf("rtr-%04d", i)})
	}
	for _, n := range []int{1, 2, 3, 7, 16} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			seen := map[string]int{}
			for k := range n {
				part := inventory.Shard{K: k, N: n}.Select(devs)
				require.Greater(t, len(part), len(devs)/n/2, "shard %d/%d nearly empty", k, n)
				for j, d := range part {
					seen[d.Name]++
					if j > 0 {
						require.Less(t, part[j-1].Name, d.Name, "order kept")
					}
				}
			}
			require.Len(t, seen, len(devs))
			for name, c := range seen {
				require.Equal(t, 1, c, name)
			}
		})
	}
}

// TestShardStable: a device's shard depends on its name only.
func TestShardStable(t *testing.T) {
	s := inventory.Shard{K: 1, N: 3}
	a := s.Select([]inventory.Device{{Name: "x"}, {Name: "core-rtr-01"}, {Name: "y"}})
	b := s.Select([]inventory.Device{{Name: "core-rtr-01"}})
	require.Equal(t, s.Has("core-rtr-01"), len(b) == 1)
	require.Equal(t, s.Has("core-rtr-01"), containsName(a, "core-rtr-01"))
}

func containsName(ds []inventory.Device, name string) bool {
	for _, d := range ds {
		if d.Name == name {
			return true
		}
	}
	return false
}
