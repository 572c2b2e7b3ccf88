package baseline

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseRegister parses a configuration-register value written as hex with a
// 0x or 0X prefix ("0x2102"), as Cisco prints it.
func ParseRegister(s string) (uint16, error) {
	s = strings.TrimSpace(s)
	digits, ok := strings.CutPrefix(strings.ToLower(s), "0x")
	if !ok || digits == "" {
		return 0, fmt.Errorf("want a hex value like 0x2102, got %s", quote(s))
	}
	v, err := strconv.ParseUint(digits, 16, 16)
	if err != nil {
		return 0, fmt.Errorf("want a hex value like 0x2102, got %s", quote(s))
	}
	return uint16(v), nil
}

// NormalizeRegister returns the canonical form of a configuration-register
// value ("0X02102" → "0x2102") so values compare as strings.
func NormalizeRegister(s string) (string, bool) {
	v, err := ParseRegister(s)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("0x%x", v), true
}
