package platform

import (
	"fwaudit/internal/facts"
)

// asaFileSystems are the ASA's local file systems an image boots from.
var asaFileSystems = []string{"disk0:", "disk1:", "flash:", "boot:"}

// ASAFollowUp returns `verify /sha-512 <path>` for the running image and
// each boot system entry on a local file system, deduplicated, in order,
// at most maxFollowUps, with the plain-path rule of iosxeFollowUp so a
// hostile boot variable cannot smuggle CLI syntax. The BOOT variable's GRUB
// form ((hd0,1)/x.bin) and remote URLs (tftp://) are not hashed on the box.
// Verifies are CPU-intensive on the ASA; the text-segment hash and the
// pattern hunt are not here: they are deep-mode commands (ASAVerifyText,
// ASAPatternHunt, ASACheckheaps).
func ASAFollowUp(f facts.Facts) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range append([]string{f.Image}, f.Boot.System...) {
		if len(out) == maxFollowUps {
			break
		}
		if !localPath(p) || seen[p] || !asaLocalFS(p) {
			continue
		}
		seen[p] = true
		out = append(out, ASAVerifyPrefix+p)
	}
	return out
}

func asaLocalFS(p string) bool {
	for _, fs := range asaFileSystems {
		if hasPrefixFold(p, fs) {
			return true
		}
	}
	return false
}
