package platform_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/platform"
)

func TestDetectSNMP(t *testing.T) {
	tests := []struct {
		name, oid, descr, want string
		ok                     bool
	}{
		{"iosxe-router", "1.3.6.1.4.1.9.1.1861", "Cisco IOS Software [Fuji], ASR1000 Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.4, RELEASE SOFTWARE (fc2)", "cisco_iosxe", true},
		{"iosxe-cat9k", ".1.3.6.1.4.1.9.1.2494", "Cisco IOS Software [Bengaluru], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.6.4, RELEASE SOFTWARE (fc1)", "cisco_iosxe", true},
		{"ios-classic", "1.3.6.1.4.1.9.1.1041", "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.7(3)M5, RELEASE SOFTWARE (fc1)", "cisco_ios", true},
		{"iosxr", "1.3.6.1.4.1.9.1.2658", "Cisco IOS XR Software (NCS-5500), Version 7.3.2", "cisco_iosxr", true},
		{"nxos", "1.3.6.1.4.1.9.12.3.1.3.1812", "Cisco NX-OS(tm) n9000, Software (n9000-dk9), Version 9.3(8), RELEASE SOFTWARE", "cisco_nxos", true},
		{"arista", "1.3.6.1.4.1.30065.1.3011.7050.3741.32", "Arista Networks EOS version 4.28.3M running on an Arista DCS-7050SX3-48YC8", "arista_eos", true},
		{"juniper", "1.3.6.1.4.1.2636.1.1.1.2.144", "Juniper Networks, Inc. mx204 internet router, kernel JUNOS 21.4R3", "juniper_junos", true},
		// sysDescr as the librenms ASA5555 test data prints it (reference §3.8), OID hand-written (a Cisco product arc).
		{"asa", "1.3.6.1.4.1.9.1.1902", "Cisco Adaptive Security Appliance Version 9.12(3)", "cisco_asa", true},
		{"cisco-unknown-os", "1.3.6.1.4.1.9.1.1", "something else", "", false},
		{"net-snmp", "1.3.6.1.4.1.8072.3.2.10", "Linux host 6.1.0", "", false},
		{"prefix-is-not-enough", "1.3.6.1.4.1.90.1", "Cisco IOS Software", "", false},
		{"empty", "", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := platform.DetectSNMP(tc.oid, tc.descr)
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.want, got)
		})
	}
}
