package hostkey

import (
	"fmt"

	"golang.org/x/crypto/ssh"
)

// HopCallback is Callback for jump host n (from 1) on the way to device.
// Its refusals name the hop and, for a changed key, the known_hosts lines
// to edit: `fwaudit hostkey accept` re-pins devices, not jump hosts.
func (s *Store) HopCallback(device string, n int) ssh.HostKeyCallback {
	return s.callback(fmt.Sprintf("jump host %d of %s", n, device), false)
}
