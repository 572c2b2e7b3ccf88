package report

import (
	"fmt"
	"net/netip"
	"strings"

	"fwaudit/internal/audit"
	"fwaudit/internal/textsafe"
)

// cefMax caps one CEF extension value; receivers truncate long messages.
const cefMax = 1000

// CEF formats one finding as an ArcSight Common Event Format record:
//
//	CEF:0|fwaudit|fwaudit|VERSION|RULE|TITLE|SEVERITY|extensions
//
// Header fields escape \ and |; extension values escape \ and = and encode
// line breaks as \n (CEF rules). Device strings are cleaned first. outcome
// is the device's status; reason says why when it is unassessed.
func CEF(d Device, x audit.Finding, version string) string {
	ext := []string{
		"cat=firmware-integrity",
		"dvchost=" + cefValue(d.Name),
	}
	if a, err := netip.ParseAddr(strings.TrimSpace(d.Address)); err == nil {
		ext = append(ext, "dvc="+a.String())
	}
	for i, kv := range [][2]string{
		{"observed", x.Observed}, {"expected", x.Expected}, {"evidence", x.Evidence},
		{"escalation_reason", x.EscalationReason}, {"technique", x.Technique}, {"platform", d.Platform},
	} {
		if kv[1] == "" {
			continue
		}
		n := i + 1
		ext = append(ext, fmt.Sprintf("cs%dLabel=%s cs%d=%s", n, kv[0], n, cefValue(kv[1])))
	}
	esc := 0
	if x.Escalate {
		esc = 1
	}
	ext = append(ext, fmt.Sprintf("cn1Label=escalate cn1=%d", esc), "outcome="+string(d.Status()))
	if d.Status() == StatusUnassessed {
		ext = append(ext, "reason="+cefValue(d.Reason()))
	}
	ext = append(ext, "msg="+cefValue(x.Title))
	return fmt.Sprintf("CEF:0|fwaudit|fwaudit|%s|%s|%s|%d|%s",
		cefHeader(version), cefHeader(x.Rule), cefHeader(x.Title), CEFSeverity(x.Severity), strings.Join(ext, " "))
}

// CEFSeverity maps a severity onto CEF's 0-10 scale.
func CEFSeverity(s audit.Severity) int {
	switch s {
	case audit.Critical:
		return 10
	case audit.High:
		return 8
	case audit.Medium:
		return 5
	case audit.Low:
		return 3
	}
	return 1
}

func cefHeader(s string) string {
	s = textsafe.Clean(s, 256)
	return strings.NewReplacer(`\`, `\\`, `|`, `\|`).Replace(s)
}

func cefValue(s string) string {
	s = textsafe.Clean(s, cefMax)
	return strings.NewReplacer(`\`, `\\`, `=`, `\=`, "\r\n", `\n`, "\n", `\n`, "\r", `\r`).Replace(s)
}
