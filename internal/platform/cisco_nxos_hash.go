package platform

import (
	"fmt"
	"slices"
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// NX-OS hashes a file with `show file <path> sha512sum`.
const (
	NXOSShowFileCmd   = "show file "
	NXOSSHA512Suffix  = " sha512sum"
	nxosMaxHashOutput = 64 // lines looked at before giving up on a hash
)

// NXOSShowFileSHA512 is the command that hashes path on the device.
func NXOSShowFileSHA512(path string) string { return NXOSShowFileCmd + path + NXOSSHA512Suffix }

// nxosFollowUp returns `show file <path> sha512sum` for the running image
// and each boot variable entry, with the path as NX-OS prints it reduced to
// fs:file (bootflash:///x.bin and bootflash:/x.bin give bootflash:x.bin),
// deduplicated, in order, at most maxFollowUps, with the same plain-path
// rule as iosxeFollowUp so a hostile boot variable cannot smuggle CLI syntax.
func nxosFollowUp(f facts.Facts) []string {
	files := nxosBootFiles(f)
	for i, p := range files {
		files[i] = NXOSShowFileSHA512(p)
	}
	return files
}

// nxosBootFiles are the files nxosFollowUp hashes on the box and the sweep
// off it, as fs:file.
func nxosBootFiles(f facts.Facts) []string { return localBootFiles(f, nxosFilePath) }

// nxosFilePath drops the slashes NX-OS prints after the file system.
func nxosFilePath(p string) string {
	fs, rest, ok := strings.Cut(p, ":")
	if !ok {
		return p
	}
	return fs + ":" + strings.TrimLeft(rest, "/")
}

// ParseNXOSFileSHA512 parses the output of `show file <file> sha512sum`:
// the first non-blank line is the digest, 128 hex characters. The output
// does not name the file, so the caller passes the one it asked for. Any
// other first line (No such file, % Invalid command) is an ErrVerify, or
// ErrUnsupported when NX-OS rejected the command.
func ParseNXOSFileSHA512(file, s string) (facts.ImageHash, error) {
	first, seen := "", 0
	eachLine(s, func(line string) bool {
		seen++
		first = strings.TrimSpace(limit(line))
		return first == "" && seen < nxosMaxHashOutput
	})
	hex := strings.ToLower(first)
	if len(hex) == 128 && isHex(hex) {
		return facts.ImageHash{File: field(file), SHA512: hex, Source: facts.SourceDevice}, nil
	}
	if nxosUnsupported(s) {
		return facts.ImageHash{}, fmt.Errorf("parse nx-os sha512sum: %w", ErrUnsupported)
	}
	if first == "" {
		return facts.ImageHash{}, fmt.Errorf("parse nx-os sha512sum: %w: empty output", ErrVerify)
	}
	return facts.ImageHash{}, fmt.Errorf("parse nx-os sha512sum: %w: device said %q", ErrVerify, textsafe.Clean(first, 120))
}

// parseNXOSHashes parses every `show file <path> sha512sum` output, in
// path order.
func parseNXOSHashes(out Outputs, keep func(error, bool) bool) []facts.ImageHash {
	var cmds []string
	for cmd := range out {
		if strings.HasPrefix(cmd, NXOSShowFileCmd) && strings.HasSuffix(cmd, NXOSSHA512Suffix) {
			cmds = append(cmds, cmd)
		}
	}
	slices.Sort(cmds)
	var hashes []facts.ImageHash
	for _, cmd := range cmds {
		file := strings.TrimSuffix(strings.TrimPrefix(cmd, NXOSShowFileCmd), NXOSSHA512Suffix)
		h, err := ParseNXOSFileSHA512(file, out[cmd])
		if keep(err, false) && !slices.Contains(hashes, h) && len(hashes) < maxFollowUps {
			hashes = append(hashes, h)
		}
	}
	return hashes
}
