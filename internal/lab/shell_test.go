package lab_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

const fleetPath = "../../testdata/lab/fleet.yaml"

func TestShell_LoginEnableAndCommands(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	d := l.Device("nyc-wan-rtr-01")
	require.NotNil(t, d)
	spec := d.Spec()
	tm := openTerm(t, dial(t, d))

	tm.expect("nyc-wan-rtr-01>")
	require.Empty(t, strings.TrimSpace(tm.run("terminal length 0", "nyc-wan-rtr-01>")))
	out := tm.run("show version", "nyc-wan-rtr-01>")
	require.Contains(t, out, "Cisco IOS XE Software, Version 17.09.04a\r\n")
	require.Contains(t, out, "Processor board ID FXS2231Q1AF\r\n")

	// privileged commands are refused in user exec mode, with the caret
	out = tm.run("show bootvar", "nyc-wan-rtr-01>")
	require.Equal(t, "                    ^\r\n% Invalid input detected at '^' marker.\r\n\r\n", out)

	tm.send("enable\r")
	tm.expect("Password: ")
	tm.send("wrong\r")
	require.Contains(t, tm.expect("nyc-wan-rtr-01>"), "% Access denied")
	tm.send("enable\n")
	tm.expect("Password: ")
	tm.send(lab.DefaultEnableSecret + "\r\n")
	after := tm.expect("nyc-wan-rtr-01#")
	require.NotContains(t, after, lab.DefaultEnableSecret, "the secret must not be echoed")

	p := "nyc-wan-rtr-01#"
	require.Empty(t, strings.TrimSpace(tm.run("terminal width 512", p)))
	out = tm.run("show rom-monitor r0", p)
	require.Contains(t, out, "System Bootstrap, Version 17.3(1r), RELEASE SOFTWARE\r\n")
	out = tm.run("show platform", p)
	require.Regexp(t, `(?m)^R0\s+\d+\s+17\.3\(1r\)\s*\r$`, out)
	out = tm.run("show bootvar", p)
	require.Contains(t, out, "BOOT variable = bootflash:asr1001x-universalk9.17.06.05.SPA.bin,12;\r\n")
	require.Contains(t, out, "Configuration register is 0x2102\r\n")
	out = tm.run("dir bootflash:", p)
	require.Contains(t, out, "Directory of bootflash:/\r\n")
	require.Regexp(t, `(?m)^\s+\d+\s+-rw-\s+5242880\s+.* asr1001x-universalk9\.17\.09\.04a\.SPA\.bin\r$`, out)
	require.Regexp(t, `(?m)^\d+ bytes total \(\d+ bytes free\)\r$`, out)
	out = tm.run("verify /sha512 bootflash:"+spec.Image, p)
	want := lab.ImageSHA512(spec.Image, 5242880)
	require.Contains(t, out, "Done!\r\nverify /sha512 (bootflash:"+spec.Image+") = "+want+"\r\n")
	out = tm.run("verify /sha512 bootflash:nope.bin", p)
	require.Contains(t, out, "%Error opening bootflash:nope.bin (No such file or directory)")
	out = tm.run("show running-config | include boot|config-register", p)
	require.Equal(t, "boot-start-marker\r\nboot system bootflash:asr1001x-universalk9.17.06.05.SPA.bin\r\nboot-end-marker\r\n", out)
	out = tm.run("sh ver", p)
	require.Contains(t, out, "Configuration register is 0x2102")
	out = tm.run("show frobnicate", p)
	require.Equal(t, "                    ^\r\n% Invalid input detected at '^' marker.\r\n\r\n", out)
	tm.run("disable", "nyc-wan-rtr-01>")
	tm.send("exit\r")
	require.NoError(t, tm.sess.Wait(), "exit ends the session with status 0")
}

func TestShell_MorePaging(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	d := l.Device("lon-wan-01")
	tm := openTerm(t, dial(t, d))
	tm.expect("lon-wan-01>")
	tm.send("show version\r")
	first := tm.expect(" --More-- ")
	lines := strings.Count(first, "\r\n")
	require.Equal(t, 24, lines, "echo line + 23 output lines before --More--")
	require.Contains(t, first, "Cisco IOS XE Software, Version 17.09.04a")
	tm.send("\r") // Enter: one more line
	one := tm.expect(" --More-- ")
	require.Equal(t, 1, strings.Count(one, "\r\n"), one)
	tm.send(" ") // space: a whole page
	page := tm.expect(" --More-- ")
	require.Equal(t, 23, strings.Count(page, "\r\n"), page)
	tm.send("q")
	rest := tm.expect("lon-wan-01>")
	require.NotContains(t, rest, "Configuration register", "q stops the output")
	require.NotContains(t, rest, "--More--")

	out := tm.run("terminal length 0", "lon-wan-01>")
	require.Empty(t, strings.TrimSpace(out))
	out = tm.run("show version", "lon-wan-01>")
	require.NotContains(t, out, "--More--")
	require.Contains(t, out, "Configuration register is 0x2102")
}
