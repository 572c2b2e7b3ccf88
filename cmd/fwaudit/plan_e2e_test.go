package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/pipeline"
	"fwaudit/internal/plan"
	"fwaudit/internal/report"
)

// TestPlanLab audits lab devices live and prints their plans: the IMG-002
// device's plan verifies the approved image by the shipped baseline's
// exact file name and sha512; the ROM-001 device's plan says the baseline
// lacks a ROMMON package instead of inventing one.
func TestPlanLab(t *testing.T) {
	_, dir := startLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.ImageSource, g.EvidenceDest = "scp://fw@10.10.0.5/firmware", "scp://fw@10.10.0.6/cases"

	var out bytes.Buffer
	err := runPlanT(context.Background(), withOutput(g, "json"), []string{"fra-acc-sw-03", "lon-wan-02"}, &out)
	require.Equal(t, exitDrift, exitCode(err), "err: %v", err)
	var plans []plan.Plan
	require.NoError(t, json.Unmarshal(out.Bytes(), &plans))
	require.Len(t, plans, 2)
	byName := map[string]plan.Plan{}
	for _, p := range plans {
		byName[p.Device] = p
	}
	const sha = "cf44ed1d67216880d8e26c9a552d5799cc3fade6ff40427625ff78fcae8599738dafb4b93706dfa8be036e535b370023620174480bb645fe72bda7e07abe5657"
	var cmds []string
	for _, s := range byName["fra-acc-sw-03"].Steps {
		cmds = append(cmds, s.Commands...)
	}
	require.Contains(t, cmds, "verify /sha512 bootflash:cat9k_iosxe.17.09.04a.SPA.bin "+sha)
	require.Contains(t, cmds, "rename bootflash:cat9k_iosxe.17.09.04a.SPA.bin bootflash:cat9k_iosxe.17.09.04a.SPA.bin.suspect")
	require.Equal(t, plan.PhaseEvidence, byName["fra-acc-sw-03"].Steps[0].Phase)

	wan := byName["lon-wan-02"]
	require.Equal(t, []string{"ROM-001"}, wan.Rules)
	blocked := false
	for _, s := range wan.Steps {
		if s.Blocked {
			blocked = true
			require.Contains(t, s.Note, "names no rommon.package")
		}
	}
	require.True(t, blocked)

	out.Reset()
	require.Equal(t, exitDrift, exitCode(runPlanT(context.Background(), withOutput(g, "ansible"), []string{"lon-wan-02"}, &out)))
	require.Contains(t, out.String(), "cisco.ios.ios_command:")
	out.Reset()
	require.Equal(t, exitDrift, exitCode(runPlanT(context.Background(), withOutput(g, ""), []string{"lon-wan-02"}, &out)))
	require.Contains(t, out.String(), "# Revert plan: `lon-wan-02`")
}

// TestSweepLabSOCOutputs sweeps the lab with -o html, --syslog to a real
// UDP receiver and --metrics-file: four planted findings arrive as CEF.
func TestSweepLabSOCOutputs(t *testing.T) {
	_, dir := startLab(t)
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	require.NoError(t, err)
	defer pc.Close()
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Output = "html"
	g.Syslog = "udp://" + pc.LocalAddr().String()
	g.MetricsFile = filepath.Join(t.TempDir(), "fwaudit.prom")
	var out bytes.Buffer
	require.Equal(t, exitDrift, exitCode(runSweepT(context.Background(), g, &out)))
	html := out.String()
	for _, d := range []string{"lon-wan-02", "fra-acc-sw-03", "nyc-wan-rtr-01", "sin-edge-rtr-02"} {
		require.Contains(t, html, `id="device-`+d+`"`)
	}
	// One message per finding; read until every IOS XE drift rule was seen.
	want := map[string]bool{"ROM-001": true, "IMG-002": true, "BOOT-001": true, "BOOT-002": true, "LOG-001": true}
	rules := map[string]bool{}
	buf := make([]byte, 65536)
	for range 64 {
		require.NoError(t, pc.SetReadDeadline(time.Now().Add(10*time.Second)))
		n, _, err := pc.ReadFrom(buf)
		require.NoError(t, err, "seen so far: %v", rules)
		msg := string(buf[:n])
		i := strings.Index(msg, "CEF:0|fwaudit|fwaudit|")
		require.Positive(t, i, msg)
		if rule := strings.Split(msg[i:], "|")[4]; want[rule] {
			rules[rule] = true
		}
		if len(rules) == len(want) {
			break
		}
	}
	require.Equal(t, want, rules)
}

// TestAuditRelated: --related audits the subject first, then the devices
// that share credentials, site or role with it, the most related first,
// and says why, adding the model after the audit.
func TestAuditRelated(t *testing.T) {
	_, dir := startLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Output = "json"
	var out bytes.Buffer
	require.Equal(t, exitDrift, exitCode(runAuditRelatedT(context.Background(), g, []string{"lon-wan-02"}, &out)))
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Equal(t, "lon-wan-02", rep.Devices[0].Name, "the subject comes first")
	require.LessOrEqual(t, len(rep.Devices), 1+pipeline.DefaultRelatedMax)
	require.Equal(t, "lon-wan-01", rep.Devices[1].Name, "shares credentials, site and role: the most related")

	g.Output = "detail"
	out.Reset()
	require.Equal(t, exitDrift, exitCode(runAuditRelatedT(context.Background(), g, []string{"lon-wan-02"}, &out)))
	require.Contains(t, out.String(), "monitoring           related to lon-wan-02: shares credentials lab, site lon, role wan, model ISR4331/K9")
}
