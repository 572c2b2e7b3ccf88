package plan

import "net/netip"

// mgmtPlaceholder is what a containment command shows when the baselines
// name no IPv4 management network.
const mgmtPlaceholder = "<management-network>"

// permitLines renders one access-list line per IPv4 management network of the
// policy, with sequence numbers 10, 20, …. When the policy has none, line
// gets nil (render the placeholder) and missing — the placeholders the line
// shows — is recorded as an input the analyst must supply. It returns the
// lines and the next free sequence number.
func permitLines(t target, missing string, line func(seq int, p *netip.Prefix) string) ([]string, int) {
	var out []string
	seq := 10
	for _, p := range t.Policy.ManagementNetworks {
		if p.Addr().Is4() {
			m := p.Masked()
			out = append(out, line(seq, &m))
			seq += 10
		}
	}
	if len(out) == 0 {
		*t.inputs = append(*t.inputs, missing+": set policy.management_networks in the baselines")
		out = append(out, line(seq, nil))
		seq += 10
	}
	return out, seq
}

// prefixOr is the prefix as text, or the placeholder.
func prefixOr(p *netip.Prefix) string {
	if p == nil {
		return mgmtPlaceholder
	}
	return p.String()
}
