package sweep

import (
	"fmt"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/inventory"
)

// jumpHops maps the device's ssh.jump entries to collector hops, each with
// the host-key store of its own known_hosts and policy.
func jumpHops(d inventory.Device, keys *hostKeyStores) ([]collect.JumpHop, error) {
	var hops []collect.JumpHop
	for i, j := range d.SSH.Jump {
		store, err := keys.get(j.KnownHosts, hostkey.Policy(j.HostKeyPolicy))
		if err != nil {
			return nil, fmt.Errorf("jump host %d: %w", i+1, err)
		}
		hops = append(hops, collect.JumpHop{
			Address: j.Address, Port: j.Port,
			Username: j.Credentials.Username, Password: j.Credentials.Password.Reveal(),
			KeyFile: j.Credentials.KeyFile, HostKeys: store,
		})
	}
	return hops, nil
}
