package audit

import "fmt"

// checkSNMPChannel is SNMP-001: SNMP is configured for the device and the
// CLI answered, but the SNMP collection failed (no answer, wrong
// credentials, a table padded past the varbind cap), so ROM-003 and
// REL-002 could not compare the channels. A device can switch the channel
// off to hide a lie; that is a finding, not silence.
func checkSNMPChannel(in Input, r Rule) []Finding {
	if in.SNMPLost == "" || in.HostKeyChanged {
		return nil
	}
	return []Finding{r.finding("SNMP collection failed", "an SNMP answer to cross-check the CLI with",
		fmt.Sprintf("SNMP is configured for %s but failed: %s; %s and %s did not run", visible(in.Device), visible(in.SNMPLost), ROM003, REL002))}
}
