package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// iosxeAuthenticity is the command whose output parseIOSXEAuthenticity reads.
const iosxeAuthenticity = "show software authenticity running"

// maxAuthSections bounds the sections kept from one output.
const maxAuthSections = 64

// parseIOSXEAuthenticity parses `show software authenticity running` (and
// `show software authenticity file F`): sections such as
//
//	SYSTEM IMAGE
//	-------------------
//	Image type                : Production
//	    Signer Information
//	        Common Name       : CiscoSystems
//	    Key Version           : A
//	    Verifier Information
//	        Verifier Name     : ROMMON 0
//	        Verifier Version  : System Bootstrap, Version 17.3.1r[FC2], RELEASE SOFTWARE
//
// A section starts at an unindented line without a colon ("SYSTEM IMAGE",
// "ROMMON", "PACKAGE cat9k-rpbase…"); other keys are ignored.
func parseIOSXEAuthenticity(s string) ([]facts.ImageSignature, error) {
	var out []facts.ImageSignature
	var cur *facts.ImageSignature
	eachLine(s, func(line string) bool {
		l := strings.TrimSpace(line)
		if l == "" || strings.Trim(l, "-") == "" || strings.HasPrefix(l, "%") {
			return true
		}
		key, val, ok := strings.Cut(l, ":")
		if !ok {
			if line[0] != ' ' && line[0] != '\t' && len(out) < maxAuthSections {
				out = append(out, facts.ImageSignature{Section: field(l)})
				cur = &out[len(out)-1]
			}
			return true
		}
		if cur == nil {
			if len(out) == maxAuthSections {
				return true
			}
			out = append(out, facts.ImageSignature{Section: "SYSTEM IMAGE"})
			cur = &out[len(out)-1]
		}
		val = field(strings.TrimSpace(val))
		switch strings.ToLower(strings.Join(strings.Fields(key), " ")) {
		case "file name":
			cur.File = val
		case "image type":
			cur.ImageType = val
		case "common name":
			cur.CommonName = val
		case "key version":
			cur.KeyVersion = val
		case "verifier name":
			cur.VerifierName = val
		case "verifier version":
			cur.VerifierVersion = val
		}
		return true
	})
	var kept []facts.ImageSignature
	for _, sec := range out {
		if sec.ImageType != "" || sec.CommonName != "" || sec.File != "" {
			kept = append(kept, sec)
		}
	}
	if len(kept) == 0 {
		if unsupported(s) {
			return nil, fmt.Errorf("parse show software authenticity: %w", ErrUnsupported)
		}
		return nil, fmt.Errorf("parse show software authenticity: %w: no image section", errIntegrity)
	}
	return kept, nil
}
