package lab

import (
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"strconv"

	"golang.org/x/crypto/ssh"
)

// hostSigner derives the ed25519 host key of a device from its name and key
// generation: sha256("fwlab-hostkey:" + name + ":" + generation) is the seed.
// The same name and generation always give the same key.
func hostSigner(name string, generation int) (ssh.Signer, error) {
	seed := sha256.Sum256([]byte("fwlab-hostkey:" + name + ":" + strconv.Itoa(generation)))
	s, err := ssh.NewSignerFromKey(ed25519.NewKeyFromSeed(seed[:]))
	if err != nil {
		return nil, fmt.Errorf("host key for %s: %w", name, err)
	}
	return s, nil
}
