package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"maps"
	"slices"
)

// Digest is the SHA-256 over a snapshot's content: device, times, status,
// facts and findings JSON, and every raw output in command order. Each part
// is length-prefixed so no two contents hash alike by shifting bytes.
func Digest(sn Snapshot, factsJSON, findingsJSON []byte, outputs map[string]string) string {
	h := sha256.New()
	put := func(b []byte) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	put([]byte("fwaudit.snapshot/v1"))
	for _, s := range []string{sn.Device, sn.Label, fmtTime(sn.TakenAt), sn.Status, sn.Error, sn.HostKey} {
		put([]byte(s))
	}
	put(factsJSON)
	put(findingsJSON)
	for _, cmd := range slices.Sorted(maps.Keys(outputs)) {
		put([]byte(cmd))
		put([]byte(outputs[cmd]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// chain links a digest to the device's previous snapshot.
func chain(parentChain, digest string) string {
	return sha256Hex([]byte(parentChain + "\n" + digest))
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
