package inventory

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMapPlatform: a source's platform_map wins; then the platform aliases;
// a name other tools use for IOS and IOS XE alike marks the device for
// detection instead of picking classic IOS; an unknown name stays for
// validation to name.
func TestMapPlatform(t *testing.T) {
	overrides := map[string]string{"ios": "cisco_iosxe", "my-nexus": "cisco_nxos"}
	tests := []struct{ name, theirs, want string }{
		{"override-beats-ambiguous", "IOS", "cisco_iosxe"},
		{"override-own-name", "my-nexus", "cisco_nxos"},
		{"ansible-ios-detected", "cisco.ios.ios", PlatformAuto},
		{"netbox-cisco-ios-detected", "cisco-ios", PlatformAuto},
		{"scrapli-cisco-iosxe-detected", "cisco_iosxe", PlatformAuto},
		{"napalm-iosxr-exact", "iosxr", "cisco_iosxr"},
		{"netbox-ios-xe-exact", "Cisco-IOS-XE", "cisco_iosxe"},
		{"ansible-eos-exact", "arista.eos.eos", "arista_eos"},
		{"unknown-kept", "routeros", "routeros"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, mapPlatform(overrides, tc.theirs))
		})
	}
}
