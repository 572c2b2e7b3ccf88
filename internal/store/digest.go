package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// DigestVersion is the version of the snapshot digest Save writes.
const DigestVersion = 2

// Digest is the SHA-256 over a snapshot's content, in the snapshot's
// digest version: device, times, status, facts and findings JSON, and
// every raw output in command order; version 2 (DigestVersion, written
// from schema 3 on) covers the metadata columns too: run id, started and
// finished times, program version, schema. Each part is length-prefixed
// so no two contents hash alike by shifting bytes. A version-2 row cannot
// pass as version 1: its recorded digest was computed over more content.
func Digest(sn Snapshot, factsJSON, findingsJSON []byte, outputs map[string]string) string {
	v := max(sn.DigestVersion, 1)
	h := sha256.New()
	put := func(b []byte) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	put([]byte("fwaudit.snapshot/v" + strconv.Itoa(v)))
	for _, s := range []string{sn.Device, sn.Label, fmtTime(sn.TakenAt), sn.Status, sn.Error, sn.HostKey} {
		put([]byte(s))
	}
	if v >= 2 {
		for _, s := range []string{strconv.FormatInt(sn.RunID, 10), fmtTime(sn.Started), fmtTime(sn.Finished),
			sn.ProgramVersion, strconv.Itoa(sn.Schema)} {
			put([]byte(s))
		}
	}
	put(factsJSON)
	put(findingsJSON)
	for _, cmd := range slices.Sorted(maps.Keys(outputs)) {
		put(readOnlyBytes(cmd))
		put(readOnlyBytes(outputs[cmd]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// runDigest is the SHA-256 over a run's row once it has ended.
func runDigest(r Run, planned []byte) string {
	var b strings.Builder
	for _, s := range []string{"fwaudit.run/v1", strconv.FormatInt(r.ID, 10), r.Label, fmtTime(r.StartedAt),
		fmtTime(r.FinishedAt), r.Status, r.ProgramVersion, string(planned)} {
		b.WriteString(strconv.Itoa(len(s)) + ":" + s + "\n")
	}
	return sha256Hex([]byte(b.String()))
}

// chain links a digest to the device's previous snapshot.
func chain(parentChain, digest string) string {
	return sha256Hex([]byte(parentChain + "\n" + digest))
}

// sha256String is sha256Hex of s without copying it.
func sha256String(s string) string { return sha256Hex(readOnlyBytes(s)) }

// readOnlyBytes is s's bytes for a hash to read, without the copy that
// []byte(s) makes (raw outputs are up to 8 MiB each; the copies fed the
// GC). The hash neither keeps nor writes the slice.
func readOnlyBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
