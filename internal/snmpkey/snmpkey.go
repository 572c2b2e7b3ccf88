// Package snmpkey localizes SNMPv3 user-security-model keys (RFC 3414
// A.2, RFC 7860 for SHA-2, the AES key extensions gosnmp implements) with
// the password expansion done once per password, not once per engine.
//
// gosnmp derives the keys itself after engine discovery, and for AES
// privacy it runs the 1 MiB password expansion a second time on the
// engine-localized key (the Reeder extension, truncated away for
// AES-128), uncached and up to three times per device: on a 10,000-device
// sweep that was the largest share of the auditor's CPU. With the engine
// ID known (collect discovers it first), Localize returns the keys gosnmp
// would compute, byte for byte, so gosnmp never derives them.
package snmpkey

import (
	"crypto"
	"errors"
	"fmt"
	"sync"

	// The hash implementations gosnmp's protocols name.
	_ "crypto/md5"
	_ "crypto/sha1"
	_ "crypto/sha256"
	_ "crypto/sha512"

	"github.com/gosnmp/gosnmp"
)

// ErrEmptyPassword is returned for a protocol that needs a password when
// none is set.
var ErrEmptyPassword = errors.New("snmpv3 password is empty")

// expansion is the length RFC 3414 A.2 stretches a password to.
const expansion = 1 << 20

// maxCached bounds the password cache: an inventory has a handful of
// SNMP credentials; past this the cache is emptied rather than grown.
const maxCached = 256

type kuKey struct {
	hash     crypto.Hash
	password string
}

var (
	mu sync.Mutex
	ku = map[kuKey][]byte{}
)

// Keys are the localized authentication and privacy keys of one user on
// one engine, as gosnmp's UsmSecurityParameters.SecretKey / PrivacyKey.
type Keys struct {
	Auth, Priv []byte
}

// Localize returns the keys for the protocols and passwords on engineID.
// NoAuth gives no auth key, NoPriv no privacy key.
func Localize(auth gosnmp.SnmpV3AuthProtocol, authPassword string, priv gosnmp.SnmpV3PrivProtocol, privPassword, engineID string) (Keys, error) {
	var k Keys
	if auth <= gosnmp.NoAuth {
		return k, nil
	}
	h := auth.HashType()
	if !h.Available() {
		return k, fmt.Errorf("snmpv3 auth protocol %v: hash not available", auth)
	}
	var err error
	if k.Auth, err = localized(h, authPassword, engineID); err != nil {
		return Keys{}, fmt.Errorf("auth key: %w", err)
	}
	if priv <= gosnmp.NoPriv {
		return k, nil
	}
	if k.Priv, err = privKey(h, priv, privPassword, engineID); err != nil {
		return Keys{}, fmt.Errorf("privacy key: %w", err)
	}
	return k, nil
}

// privKey follows gosnmp's genlocalPrivKey: DES takes the localized key
// whole; AES-128 and the "C" variants extend it by Reeder, AES192/AES256
// by Blumenthal, each cut to the cipher's key length.
func privKey(h crypto.Hash, priv gosnmp.SnmpV3PrivProtocol, password, engineID string) ([]byte, error) {
	kul, err := localized(h, password, engineID)
	if err != nil {
		return nil, err
	}
	var keylen int
	switch priv {
	case gosnmp.DES:
		return kul, nil
	case gosnmp.AES:
		keylen = 16
	case gosnmp.AES192, gosnmp.AES192C:
		keylen = 24
	case gosnmp.AES256, gosnmp.AES256C:
		keylen = 32
	default:
		return nil, fmt.Errorf("snmpv3 privacy protocol %v: unknown", priv)
	}
	if len(kul) >= keylen {
		// Both extensions append to kul: the cut key is kul's prefix.
		return kul[:keylen], nil
	}
	switch priv {
	case gosnmp.AES192, gosnmp.AES256: // Blumenthal: kul ‖ H(kul)
		d := h.New()
		d.Write(kul)
		kul = d.Sum(kul)
	default: // Reeder: kul ‖ localize(kul as a password)
		ext, err := localized(h, string(kul), engineID)
		if err != nil {
			return nil, err
		}
		kul = append(kul, ext...)
	}
	if len(kul) < keylen {
		return nil, fmt.Errorf("snmpv3 privacy protocol %v: %d-byte key from a %d-byte hash", priv, keylen, h.Size())
	}
	return kul[:keylen], nil
}

// localized is Kul = H(Ku ‖ engineID ‖ Ku) (RFC 3414 A.2.2).
func localized(h crypto.Hash, password, engineID string) ([]byte, error) {
	k, err := passwordKey(h, password)
	if err != nil {
		return nil, err
	}
	d := h.New()
	d.Write(k)
	d.Write([]byte(engineID))
	d.Write(k)
	return d.Sum(nil), nil
}

// passwordKey is Ku = H(password repeated to 1 MiB) (RFC 3414 A.2.1),
// cached per hash and password.
func passwordKey(h crypto.Hash, password string) ([]byte, error) {
	if password == "" {
		return nil, ErrEmptyPassword
	}
	key := kuKey{h, password}
	mu.Lock()
	k, ok := ku[key]
	mu.Unlock()
	if ok {
		return k, nil
	}
	k = expand(h, password)
	mu.Lock()
	if len(ku) >= maxCached {
		clear(ku)
	}
	ku[key] = k
	mu.Unlock()
	return k, nil
}

func expand(h crypto.Hash, password string) []byte {
	// One block holding the password cycle from every offset: writing
	// 64-byte slices of it in order repeats the password exactly.
	n := len(password)
	buf := make([]byte, 64+n)
	for i := range buf {
		buf[i] = password[i%n]
	}
	d := h.New()
	for off := 0; off < expansion; off += 64 {
		s := off % n
		d.Write(buf[s : s+64])
	}
	return d.Sum(nil)
}
