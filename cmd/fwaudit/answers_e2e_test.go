package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

// scpSessionLog is what IOS XE logs when an SCP client (ip scp server)
// opens its session: the file itself is not logged by default.
var scpSessionLog = []string{
	"Nov 24 23:41:07.102: %SSH-5-SSH2_SESSION: SSH2 Session request from 203.0.113.66 (tty = 0) using crypto cipher 'aes256-ctr', hmac 'hmac-sha2-256' Succeeded",
	"Nov 24 23:41:07.512: %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 203.0.113.66] [localport: 22] at 23:41:07 UTC Tue Nov 24 2026",
}

// startLogLab starts one clean IOS XE device whose log shows an SCP session
// from 203.0.113.66, outside the shipped policy.management_networks.
func startLogLab(t *testing.T) string {
	t.Helper()
	f := labtest.Fleet(t, `
defaults:
  platform: cisco_iosxe
  os_version: "17.09.04a"
  config_register: "0x2102"
devices:
  - name: nyc-acc-sw-09
    model: C9300-48P
    serial: FOC2318X0Z9
    rommon: "17.9.1r[FC2]"
    image: cat9k_iosxe.17.09.04a.SPA.bin
    files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 8388608}]
    logs:
      - "`+scpSessionLog[0]+`"
      - "`+scpSessionLog[1]+`"
`)
	l := labtest.StartFleet(t, f, lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	t.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	t.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	return dir
}

// TestLogAnswersInEveryView: LOG-001 from the device's own `show logging`
// carries the playbook's answers (the address, not authorized, and the
// decision); the triage view, markdown and HTML (as Chromium parses it)
// show them, and the v1 JSON does not grow a key for them.
func TestLogAnswersInEveryView(t *testing.T) {
	dir := startLogLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	render := func(format string) string {
		g.Output = format
		var out bytes.Buffer
		require.Equal(t, exitDrift, exitCode(runAuditT(context.Background(), g, []string{"nyc-acc-sw-09"}, &out)), format)
		return out.String()
	}

	detail := render("")
	require.Contains(t, detail, "LOG-001")
	require.Regexp(t, `source addresses involved\?\s+203\.0\.113\.66 \(NOT in the management networks\)\n`, detail)
	require.Regexp(t, `decision\s+ESCALATE: source 203\.0\.113\.66 is outside the management networks`, detail)
	require.NotContains(t, detail, "LOG-002", "a session is not a firmware transfer")

	md := render("markdown")
	require.Contains(t, md, "## Playbook answers\n\n- nyc-acc-sw-09 LOG-001: inside a scheduled change window? not asked")
	require.Contains(t, md, "source addresses involved? 203.0.113.66 (NOT in the management networks); decision ESCALATE: source 203.0.113.66")

	page := filepath.Join(t.TempDir(), "report.html")
	require.NoError(t, os.WriteFile(page, []byte(render("html")), 0o600))
	dom := dumpDOM(t, page)
	i := strings.Index(dom, `<tr class="answers">`)
	require.Positive(t, i, "answers row")
	row := dom[i : i+strings.Index(dom[i:], "</tr>")]
	require.Contains(t, row, "Playbook answers (LOG-001):")
	require.Contains(t, row, "<li><b>source addresses involved?</b> 203.0.113.66 (NOT in the management networks)</li>")
	require.Contains(t, row, "<li><b>decision</b> ESCALATE: source 203.0.113.66 is outside the management networks")

	js := render("json")
	require.Contains(t, js, `"rule": "LOG-001"`)
	require.NotContains(t, js, "answers", "answers are not a v1 key")
	require.NotContains(t, js, "authorized")
}
