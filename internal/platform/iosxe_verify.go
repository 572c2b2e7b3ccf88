package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// ParseIOSXEVerify parses the output of `verify /sha512 <file>`:
//
//	.....(thousands of dots)....Done!
//	verify /sha512 (bootflash:x.bin) = <128 hex>
//
// The result may follow the dots on the same line; "Verified (file) = hash"
// is accepted too. A "%Error ..." line, a missing result or a hash that is
// not 128 hex characters is an ErrVerify.
func ParseIOSXEVerify(s string) (facts.ImageHash, error) {
	var h facts.ImageHash
	var err error
	found := false
	eachLine(s, func(line string) bool {
		t := strings.TrimLeft(line, ". \t")
		t = strings.TrimPrefix(t, "Done!")
		if strings.HasPrefix(strings.TrimSpace(t), "%") {
			err = fmt.Errorf("parse verify: %w: device said %q", ErrVerify, textsafe.Clean(strings.TrimSpace(t), 120))
			return false
		}
		for _, marker := range []string{"verify /sha512 (", "Verified ("} {
			if i := strings.Index(t, marker); i >= 0 {
				h, err = parseVerifyResult(t[i+len(marker):])
				found = true
				return false
			}
		}
		return true
	})
	if err != nil {
		return facts.ImageHash{}, err
	}
	if !found {
		if unsupported(s) {
			return h, fmt.Errorf("parse verify: %w", ErrUnsupported)
		}
		return h, fmt.Errorf("parse verify: %w: no result line", ErrVerify)
	}
	return h, nil
}

// parseVerifyResult reads "bootflash:x.bin) = <hex>".
func parseVerifyResult(s string) (facts.ImageHash, error) {
	i := strings.Index(s, ") = ")
	if i <= 0 {
		return facts.ImageHash{}, fmt.Errorf("parse verify: %w: malformed result line", ErrVerify)
	}
	file := field(s[:i])
	if file == "" {
		return facts.ImageHash{}, fmt.Errorf("parse verify: %w: empty file name", ErrVerify)
	}
	hex := strings.ToLower(firstToken(s[i+len(") = "):]))
	if len(hex) != 128 || !isHex(hex) {
		return facts.ImageHash{}, fmt.Errorf("parse verify: %w: sha512 of %q is not 128 hex characters", ErrVerify, file)
	}
	return facts.ImageHash{File: file, SHA512: hex, Source: facts.SourceDevice}, nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
