package lab_test

import (
	"testing"

	"github.com/scrapli/scrapligo/driver/network"

	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/platform"
	"github.com/scrapli/scrapligo/transport"
	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

// TestScrapligo_CiscoIOSXE drives a lab device the way the collector does:
// scrapligo's cisco_iosxe platform opens a PTY shell, enables with the
// secret, sets terminal length 0 and runs commands.
func TestScrapligo_CiscoIOSXE(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	d := l.Device("sin-edge-rtr-02")
	drv := openScrapli(t, "cisco_iosxe", d)

	r, err := drv.SendCommand("show version")
	require.NoError(t, err)
	require.Contains(t, r.Result, "Processor board ID FDO2541M0Q6")
	require.Contains(t, r.Result, "Configuration register is 0x2142")
	require.NotContains(t, r.Result, "--More--")

	r, err = drv.SendCommand("show running-config | include boot|config-register")
	require.NoError(t, err)
	require.Contains(t, r.Result, "config-register 0x2142")

	mr, err := drv.SendCommands([]string{"show rom-monitor r0", "show bootvar", "dir bootflash:"})
	require.NoError(t, err)
	require.Contains(t, mr.Responses[0].Result, "System Bootstrap, Version 17.3(8r), RELEASE SOFTWARE")
	require.Contains(t, mr.Responses[1].Result, "BOOT variable = bootflash:c8000be-universalk9.17.09.04a.SPA.bin,12;")
	require.Contains(t, mr.Responses[2].Result, "c8000be-universalk9.17.09.04a.SPA.bin")
	require.Equal(t, 2, d.AuthAttempts(), "none + password")
}

// openScrapli opens scrapligo's own network driver for platform on a lab
// device, with its standard transport and the lab credentials, and closes
// it when the test ends.
func openScrapli(t *testing.T, name string, d *lab.Device) *network.Driver {
	t.Helper()
	p, err := platform.NewPlatform(name, "127.0.0.1",
		options.WithPort(d.Port()),
		options.WithAuthUsername(lab.DefaultUsername),
		options.WithAuthPassword(lab.DefaultPassword),
		options.WithAuthSecondary(lab.DefaultEnableSecret),
		options.WithAuthNoStrictKey(),
		options.WithTransportType(transport.StandardTransport),
	)
	require.NoError(t, err)
	drv, err := p.GetNetworkDriver()
	require.NoError(t, err)
	require.NoError(t, drv.Open())
	t.Cleanup(func() { _ = drv.Close() })
	return drv
}
