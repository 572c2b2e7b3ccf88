package platform

import (
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// JunosChecksumCmd hashes a file on Junos; it is followed by the path.
// Junos offers md5, sha1 and sha-256: no SHA-512.
const JunosChecksumCmd = "file checksum sha-256 "

// junosFollowUp returns `file checksum sha-256 <path>` for the installed
// package when the facts know it (Image, else the boot entries: an absolute
// path such as /var/tmp/junos-install-....tgz). Junos show version names no
// package file, so with the standard commands this returns nothing: the
// device is then hashed off the box only. Paths follow the plain-path rule
// of iosxeFollowUp (no spaces, pipes, "..", or characters outside
// [A-Za-z0-9._-/+~]), at most maxFollowUps.
func junosFollowUp(f facts.Facts) []string {
	var cmds []string
	seen := map[string]bool{}
	for _, p := range append([]string{f.Image}, f.Boot.System...) {
		if len(cmds) == maxFollowUps {
			break
		}
		if !junosLocalPath(p) || seen[p] {
			continue
		}
		seen[p] = true
		cmds = append(cmds, JunosChecksumCmd+p)
	}
	return cmds
}

// junosLocalPath reports whether p is a plain absolute path of a file.
func junosLocalPath(p string) bool {
	if !strings.HasPrefix(p, "/") || len(p) > 200 || strings.HasSuffix(p, "/") ||
		strings.Contains(p, "//") || strings.Contains(p, "..") {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._-/+~", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}

// ParseJunosChecksum parses `file checksum sha-256 <path>`:
//
//	SHA256 (/var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz) = <64 hex>
//
// A missing result line, an "error: ..." line or a digest that is not 64
// hex characters is an ErrVerify; a rejected command is ErrUnsupported.
func ParseJunosChecksum(s string) (facts.ImageHash, error) {
	var h facts.ImageHash
	var err error
	found, said := false, ""
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		if strings.HasPrefix(t, "syntax error") || strings.HasPrefix(t, "unknown command") {
			err = fmt.Errorf("parse junos checksum: %w", ErrUnsupported)
			return false
		}
		rest, ok := cutPrefixFold(t, "SHA256 (")
		if !ok {
			if said == "" && t != "" && t != "^" {
				said = t
			}
			return true
		}
		found = true
		i := strings.LastIndex(rest, ") = ")
		if i <= 0 {
			err = fmt.Errorf("parse junos checksum: %w: malformed result line", ErrVerify)
			return false
		}
		hex := strings.ToLower(firstToken(rest[i+len(") = "):]))
		if len(hex) != 64 || !isHex(hex) {
			err = fmt.Errorf("parse junos checksum: %w: sha256 of %q is not 64 hex characters", ErrVerify, textsafe.Clean(rest[:i], 120))
			return false
		}
		h = facts.ImageHash{File: field(rest[:i]), SHA256: hex, Source: facts.SourceDevice}
		return false
	})
	switch {
	case err != nil:
		return facts.ImageHash{}, err
	case !found && said != "":
		return h, fmt.Errorf("parse junos checksum: %w: device said %q", ErrVerify, textsafe.Clean(said, 120))
	case !found:
		return h, fmt.Errorf("parse junos checksum: %w: no result line", ErrVerify)
	}
	return h, nil
}

// parseJunosChecksums parses every `file checksum sha-256 <path>` output in
// path order. A result naming a file other than the one asked for is an
// ErrVerify: the hash is not attributed to a file we did not ask about.
func parseJunosChecksums(out Outputs, keep func(error, bool) bool) []facts.ImageHash {
	var cmds []string
	for cmd := range out {
		if strings.HasPrefix(cmd, JunosChecksumCmd) {
			cmds = append(cmds, cmd)
		}
	}
	slices.Sort(cmds)
	var hashes []facts.ImageHash
	for _, cmd := range cmds {
		h, err := ParseJunosChecksum(out[cmd])
		if asked := strings.TrimPrefix(cmd, JunosChecksumCmd); err == nil && h.File != asked {
			err = fmt.Errorf("parse junos checksum: %w: result names %q, asked for %q", ErrVerify, h.File, textsafe.Clean(asked, 120))
		}
		if keep(err, false) && !slices.Contains(hashes, h) && len(hashes) < maxFollowUps {
			hashes = append(hashes, h)
		}
	}
	return hashes
}
