package hostkey

import (
	"net"

	"golang.org/x/crypto/ssh"
)

// probeKey is a key no known_hosts line can match; checking it yields the
// list of pinned keys for a host.
type probeKey struct{}

func (probeKey) Type() string                        { return "fwaudit-probe" }
func (probeKey) Marshal() []byte                     { return []byte("fwaudit-probe") }
func (probeKey) Verify([]byte, *ssh.Signature) error { return net.ErrClosed }

type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }
