package platform

import (
	"strings"

	"fwaudit/internal/facts"
)

// maxFollowUps bounds how many verify commands one device can make us run.
const maxFollowUps = 8

// iosxeFollowUp returns "verify /sha512 <path>" for the running image and
// each BOOT variable entry that is a local file (packages.conf included: it
// is what install mode boots), deduplicated, in order, at most maxFollowUps.
// Paths come from the device, so only plain local paths are used: a network
// scheme (tftp:, http:, ...), a space, a pipe or any character outside
// [A-Za-z0-9._-/:+~] rules the entry out, so a hostile BOOT variable cannot
// smuggle CLI syntax ("| redirect tftp:...") into our command.
func iosxeFollowUp(f facts.Facts) []string {
	files := iosxeBootFiles(f)
	for i, p := range files {
		files[i] = IOSXEVerifyCmd + p
	}
	return files
}

// iosxeBootFiles are the files iosxeFollowUp verifies and the sweep hashes
// off the box.
func iosxeBootFiles(f facts.Facts) []string { return localBootFiles(f, nil) }

var networkSchemes = []string{"tftp:", "ftp:", "http:", "https:", "scp:", "sftp:", "rcp:", "mop:", "rom:", "null:", "system:", "nvram:"}

// localPath reports whether p is a file on a local file system of the
// device, such as bootflash:x.bin or flash:/dir/packages.conf.
func localPath(p string) bool {
	i := strings.IndexByte(p, ':')
	if i <= 0 || i == len(p)-1 || len(p) > 200 {
		return false
	}
	for _, s := range networkSchemes {
		if hasPrefixFold(p, s) {
			return false
		}
	}
	if strings.HasSuffix(p, "/") || strings.Contains(p, "//") || strings.Contains(p, "..") {
		return false
	}
	for j := 0; j < len(p); j++ {
		c := p[j]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("._-/:+~", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}
