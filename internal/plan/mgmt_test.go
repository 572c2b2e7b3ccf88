package plan_test

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/plan"
)

// TestContainmentManagementNetworks: the "restrict management access"
// option permits each IPv4 management network of the policy (10, 20, … on
// numbered lists); without one it shows the placeholder and asks for it.
func TestContainmentManagementNetworks(t *testing.T) {
	nets := []netip.Prefix{netip.MustParsePrefix("10.10.0.0/16"), netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("2001:db8::/32")}
	tests := []struct{ platform, first, second string }{
		{"cisco_iosxe", " permit 10.10.0.0 0.0.255.255", " permit 192.0.2.0 0.0.0.255"},
		{"cisco_nxos", "  10 permit ip 10.10.0.0/16 any", "  20 permit ip 192.0.2.0/24 any"},
		{"cisco_iosxr", " 10 permit ipv4 10.10.0.0/16 any", " 20 permit ipv4 192.0.2.0/24 any"},
		{"arista_eos", "   10 permit ip 10.10.0.0/16 any", "   20 permit ip 192.0.2.0/24 any"},
		{"juniper_junos", "set policy-options prefix-list FWAUDIT-MGMT 10.10.0.0/16", "set policy-options prefix-list FWAUDIT-MGMT 192.0.2.0/24"},
	}
	for _, tc := range tests {
		t.Run(tc.platform, func(t *testing.T) {
			f, x := drifted(audit.ROM001)
			in := plan.Input{Device: "r1", Platform: tc.platform, Facts: f, Findings: []audit.Finding{x}, Model: model(),
				Policy: baseline.Policy{ManagementNetworks: nets}}
			acl := restrictOption(t, plan.Build(in, opts()))
			i := slices.Index(acl, tc.first)
			require.GreaterOrEqual(t, i, 0, "%q in %q", tc.first, acl)
			require.Equal(t, tc.second, acl[i+1])
			require.NotContains(t, strings.Join(acl, "\n"), "2001:db8", "IPv6 networks are not in the IPv4 list")

			in.Policy = baseline.Policy{}
			p := plan.Build(in, opts())
			require.Contains(t, strings.Join(restrictOption(t, p), "\n"), "<management-network>")
			require.Contains(t, strings.Join(p.Inputs, "\n"), "set policy.management_networks in the baselines")
		})
	}
}

func restrictOption(t *testing.T, p plan.Plan) []string {
	t.Helper()
	for _, o := range p.Containment {
		if strings.HasPrefix(o.Title, "Restrict") {
			return o.Commands
		}
	}
	t.Fatalf("no restrict option in %+v", p.Containment)
	return nil
}
