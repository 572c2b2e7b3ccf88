package inventory

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"fwaudit/internal/textsafe"
)

var (
	labelRE    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)
	envRE      = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,127}$`)
	hostnameRE = regexp.MustCompile(`^([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$`)
	numericRE  = regexp.MustCompile(`^[0-9]+\.?$`)
)

func safe(s string) bool { return textsafe.IsSafe(s) && !strings.ContainsRune(s, '\t') }

// checkAddress accepts an IP address or a DNS host name.
func checkAddress(s string) string {
	if _, err := netip.ParseAddr(s); err == nil {
		return ""
	}
	labels := strings.Split(strings.TrimSuffix(s, "."), ".")
	if len(s) > 253 || !hostnameRE.MatchString(s) || numericRE.MatchString(labels[len(labels)-1]) {
		return fmt.Sprintf("%s is neither an IP address nor a host name", quote(s))
	}
	return ""
}
