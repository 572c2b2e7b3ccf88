package sweep_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/report"
	"fwaudit/internal/sweep"
)

// TestSweepSNMP_ChannelLostIsAFinding: a device whose CLI lies about its
// ROMMON and whose SNMP agent is silenced (no answer) or padded past the
// varbind cap must not come out clean: SNMP-001 says the cross-check was
// not made.
func TestSweepSNMP_ChannelLostIsAFinding(t *testing.T) {
	const fleet = `
defaults: {platform: cisco_iosxe, uptime: 97d}
models:
  ISR4331/K9: {rommon: "16.12(2r)", image: isr4300-universalk9.17.09.04a.SPA.bin}
devices:
  - {name: liar-rom, model: ISR4331/K9, snmp_firmware: "16.7(5r)"}
`
	for _, tc := range []struct {
		name    string
		hostile lab.Hostile
		tune    func(t *testing.T, port *int, o *sweep.SNMPOptions)
	}{
		{"agent silent", "", func(t *testing.T, port *int, _ *sweep.SNMPOptions) { *port = deadUDPPort(t) }},
		{"table past the varbind cap, default cap", lab.HostileEntityFlood, func(*testing.T, *int, *sweep.SNMPOptions) {}},
		{"table past a lowered cap", "", func(_ *testing.T, _ *int, o *sweep.SNMPOptions) { o.MaxVarbinds = 3 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := labtest.Fleet(t, fleet)
			f.Devices[0].Hostile = tc.hostile // entity-flood: 12,000+ varbinds, past the client's 10,000
			l := labtest.StartFleet(t, f, lab.Options{})
			devs := inventoryOf(t, l)
			opts := sweep.SNMPOptions{Timeout: 300 * time.Millisecond, Retries: -1}
			tc.tune(t, &devs[0].SNMP.Port, &opts)
			res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 1, SNMP: opts})
			require.Len(t, res, 1)
			require.NoError(t, res[0].Err)
			var rules []string
			for _, f := range res[0].Findings {
				rules = append(rules, f.Rule)
			}
			require.Contains(t, rules, audit.SNMP001)
			require.NotContains(t, rules, audit.ROM003, "the cross-check could not be made")
			rd := report.Device{Name: res[0].Device.Name, Findings: res[0].Findings}
			require.NotEqual(t, report.StatusClean, rd.Status())
			if tc.hostile == lab.HostileEntityFlood {
				snmp := only1(res[0].Findings, audit.SNMP001)
				require.Contains(t, snmp[0].Evidence, "more than 10000 in entPhysicalTable")
			}
		})
	}
}

// deadUDPPort is a loopback UDP port nothing listens on.
func deadUDPPort(t *testing.T) int {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	port := c.LocalAddr().(*net.UDPAddr).Port
	require.NoError(t, c.Close())
	return port
}
