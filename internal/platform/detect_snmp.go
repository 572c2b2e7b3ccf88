package platform

import "strings"

// maxSysDescr is how much of sysDescr DetectSNMP reads.
const maxSysDescr = 4096

// DetectSNMP names the platform of a device from its sysObjectID
// (Detection.SNMPEnterprise: Cisco 9, Arista 30065, Juniper 2636) and,
// where a vendor has several, its sysDescr (Detection.SysDescr), trying
// platforms in registry order. ok is false when neither settles it. Both
// values are untrusted; only fixed fragments are matched, and only the
// first 4 KiB of sysDescr read.
func DetectSNMP(sysObjectID, sysDescr string) (string, bool) {
	oid := strings.TrimPrefix(strings.TrimSpace(sysObjectID), ".") + "."
	if len(sysDescr) > maxSysDescr {
		sysDescr = sysDescr[:maxSysDescr]
	}
	for _, p := range registry {
		d := p.Detection
		if d.SNMPEnterprise == "" || !strings.HasPrefix(oid, d.SNMPEnterprise) {
			continue
		}
		if len(d.SysDescr) == 0 || containsAny(sysDescr, d.SysDescr) {
			return p.Name, true
		}
	}
	return "", false
}
