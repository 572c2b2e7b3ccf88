package platform

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// ParseASAVerify parses Cisco ASA `verify /sha-512 <path>`:
//
//	!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!Done!
//	verify /SHA-512 (disk0:/asa9-16-4-85-lfbff-k8.SPA) = 30877b7bc94359a8…
//	28cffc5479fbbd18100711f53aaf
//
// The digest may wrap onto the following lines, start on the next line, or
// hold spaces (Cisco's guides show all three): every hex run after "=" is
// joined until 128 characters are read or a line that is not hex comes.
// An error line, no result line or a digest that is not 128 hex characters
// is an ErrVerify.
func ParseASAVerify(s string) (facts.ImageHash, error) {
	var h facts.ImageHash
	var digest strings.Builder
	state := 0 // 0 before the result line, 1 reading the digest, 2 done
	var err error
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		switch state {
		case 0:
			t = strings.TrimLeft(t, "!.")
			t = strings.TrimSpace(strings.TrimPrefix(t, "Done!"))
			if strings.HasPrefix(t, "%") || strings.HasPrefix(strings.ToUpper(t), "ERROR") {
				err = fmt.Errorf("parse verify: %w: device said %q", ErrVerify, textsafe.Clean(t, 120))
				return false
			}
			i := strings.Index(strings.ToLower(t), "verify /sha-512 (")
			if i < 0 {
				return true
			}
			rest := t[i+len("verify /sha-512 ("):]
			j := strings.Index(rest, ") =")
			if j <= 0 {
				err = fmt.Errorf("parse verify: %w: malformed result line", ErrVerify)
				return false
			}
			h.File = field(rest[:j])
			state = 1
			return appendHex(&digest, rest[j+len(") ="):])
		default:
			if t == "" || !appendHex(&digest, t) {
				state = 2
				return false
			}
			return digest.Len() < 128
		}
	})
	if err != nil {
		return facts.ImageHash{}, err
	}
	if state == 0 {
		if asaUnsupported(s) {
			return h, fmt.Errorf("parse verify: %w", ErrUnsupported)
		}
		return h, fmt.Errorf("parse verify: %w: no result line", ErrVerify)
	}
	hex := strings.ToLower(digest.String())
	if h.File == "" || len(hex) != 128 {
		return facts.ImageHash{}, fmt.Errorf("parse verify: %w: sha-512 of %q is not 128 hex characters", ErrVerify, h.File)
	}
	h.SHA512, h.Source = hex, facts.SourceDevice
	return h, nil
}

// appendHex appends the hex of s (spaces removed) to b and reports whether
// s held only hex and spaces.
func appendHex(b *strings.Builder, s string) bool {
	s = strings.ToLower(strings.Join(strings.Fields(s), ""))
	if !isHex(s) {
		return false
	}
	if b.Len()+len(s) <= 256 {
		b.WriteString(s)
	}
	return true
}

// asaImageHashes reads every `verify /sha-512 <image>` output but the
// text-segment ones, in key order.
func asaImageHashes(out Outputs, keep func(error, bool) bool) []facts.ImageHash {
	var hs []facts.ImageHash
	for _, cmd := range slices.Sorted(maps.Keys(out)) {
		if !strings.HasPrefix(cmd, ASAVerifyPrefix) || cmd == ASAVerifyText || cmd == ASAVerifyTextMemory || len(hs) >= maxFiles {
			continue
		}
		h, err := ParseASAVerify(out[cmd])
		if keep(err, false) {
			hs = append(hs, h)
		}
	}
	return hs
}
