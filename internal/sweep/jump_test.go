package sweep_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/sweep"
)

// startFleet starts f and loads the inventory the lab writes for it.
func startFleet(t *testing.T, f *lab.Fleet) (*lab.Lab, []inventory.Device) {
	t.Helper()
	l := labtest.StartFleet(t, f, lab.Options{})
	return l, inventoryOf(t, l)
}

func hopVia(d inventory.Device) inventory.JumpHost {
	return inventory.JumpHost{Address: d.Address, Port: d.Port, Credentials: d.Credentials,
		KnownHosts: d.SSH.KnownHosts, HostKeyPolicy: inventory.PolicyStrict}
}

// TestSweepThroughJumpHosts audits a lab device through one and through two
// lab jump hosts; a jump host whose key changed gets no credentials, and
// neither does the device behind it; a device that is not a jump host
// refuses to forward.
func TestSweepThroughJumpHosts(t *testing.T) {
	f, err := lab.LoadFleet(fleetFile)
	require.NoError(t, err)
	f = f.Synthetic(4)
	f.Devices[0].JumpHost = true
	f.Devices[1].JumpHost = true
	l, devs := startFleet(t, f)
	j1, j2, plain, target := devs[0], devs[1], devs[2], devs[3]

	tests := []struct {
		name    string
		hops    []inventory.Device
		rotate  string // device whose host key changes first
		offbox  bool   // also stream the image through the hops
		wantErr error
		wantMsg string
	}{
		{name: "one-hop", hops: []inventory.Device{j1}},
		{name: "two-hops", hops: []inventory.Device{j1, j2}},
		{name: "two-hops-offbox", hops: []inventory.Device{j1, j2}, offbox: true},
		{name: "not-a-jump-host", hops: []inventory.Device{plain}, wantErr: collect.ErrConnect, wantMsg: "jump host 1"},
		{name: "jump-host-key-changed", hops: []inventory.Device{j1, j2}, rotate: j2.Name, wantErr: hostkey.ErrHostKeyChanged, wantMsg: "jump host 2"},
		{name: "device-key-changed", hops: []inventory.Device{j1}, rotate: target.Name, wantErr: hostkey.ErrHostKeyChanged},
	}
	lastHopLogins := map[string]int{} // by case: auth attempts on the last hop
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.rotate != "" {
				l.Device(tc.rotate).RotateHostKey()
			}
			d := target
			d.SSH.Jump = nil
			for _, h := range tc.hops {
				d.SSH.Jump = append(d.SSH.Jump, hopVia(h))
			}
			before := map[string]int{}
			for _, x := range devs {
				before[x.Name] = l.Device(x.Name).AuthAttempts()
			}
			res := sweep.Run(context.Background(), []inventory.Device{d}, sweep.Options{
				Workers: 1, Baselines: loadBaselines(t), Retries: -1,
				ConnectTimeout: 5 * time.Second, CommandTimeout: 5 * time.Second, DeviceTimeout: 30 * time.Second,
				Offbox: sweep.OffboxOptions{Enabled: tc.offbox},
			})
			r := res[0]
			for i, h := range tc.hops {
				if tc.rotate == h.Name {
					require.Equal(t, before[h.Name], l.Device(h.Name).AuthAttempts(), "credentials sent to changed jump host %s", h.Name)
					for _, later := range append(tc.hops[i+1:], target) {
						require.Equal(t, before[later.Name], l.Device(later.Name).AuthAttempts(), "%s contacted behind a refused hop", later.Name)
					}
					break
				}
				require.Greater(t, l.Device(h.Name).AuthAttempts(), before[h.Name], "hop %s was not used", h.Name)
			}
			if tc.wantErr == nil {
				require.NoError(t, r.Err)
				require.NotEmpty(t, r.Facts.Model)
				require.Greater(t, l.Device(target.Name).AuthAttempts(), before[target.Name])
				last := tc.hops[len(tc.hops)-1].Name
				lastHopLogins[tc.name] = l.Device(last).AuthAttempts() - before[last]
				if tc.offbox {
					require.Greater(t, lastHopLogins[tc.name], lastHopLogins["two-hops"], "the transfer did not go through the hops")
					require.True(t, slices.ContainsFunc(r.Facts.ImageHashes, func(h facts.ImageHash) bool {
						return h.Source == facts.SourceOffbox && h.SHA512 != ""
					}), "no off-box hash: %+v", r.Facts.ImageHashes)
				}
				return
			}
			require.ErrorIs(t, r.Err, tc.wantErr)
			require.Contains(t, r.Err.Error(), tc.wantMsg)
			require.Equal(t, before[target.Name], l.Device(target.Name).AuthAttempts(), "credentials reached the target")
		})
	}
}
