package platform

import "strings"

// Enterprise arcs of sysObjectID (SNMPv2-MIB; IANA private enterprise numbers).
var snmpEnterprises = []struct{ prefix, platform string }{
	{"1.3.6.1.4.1.30065.", "arista_eos"},
	{"1.3.6.1.4.1.2636.", "juniper_junos"},
	{"1.3.6.1.4.1.9.", "cisco"}, // the OS comes from sysDescr
}

// sysDescrRules tell Cisco's operating systems apart by their sysDescr
// banner, most specific first: IOS XE says "Cisco IOS Software" too, and
// marks itself by its image names (IOSXE, IOSD) or "IOS-XE".
var sysDescrRules = []struct{ fragment, platform string }{
	{"IOS XR", "cisco_iosxr"},
	{"NX-OS", "cisco_nxos"},
	{"Nexus", "cisco_nxos"},
	{"IOS-XE", "cisco_iosxe"},
	{"IOS XE", "cisco_iosxe"},
	{"IOSXE", "cisco_iosxe"},
	{"_IOSD-", "cisco_iosxe"},
	{"Cisco IOS Software", "cisco_ios"},
	{"IOS (tm)", "cisco_ios"},
}

// DetectSNMP names the platform of a device from its sysObjectID (enterprise
// arc: Cisco 9, Arista 30065, Juniper 2636) and, for Cisco, its sysDescr.
// ok is false when neither settles it. Both values are untrusted; only
// fixed fragments are matched, and only the first 4 KiB of sysDescr read.
func DetectSNMP(sysObjectID, sysDescr string) (string, bool) {
	oid := strings.TrimPrefix(strings.TrimSpace(sysObjectID), ".") + "."
	vendor := ""
	for _, e := range snmpEnterprises {
		if strings.HasPrefix(oid, e.prefix) {
			vendor = e.platform
			break
		}
	}
	if vendor != "cisco" {
		return vendor, vendor != ""
	}
	if len(sysDescr) > 4096 {
		sysDescr = sysDescr[:4096]
	}
	for _, r := range sysDescrRules {
		if strings.Contains(sysDescr, r.fragment) {
			return r.platform, true
		}
	}
	return "", false
}
