package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
	"fwaudit/internal/golden"
	"fwaudit/internal/report"
	"fwaudit/internal/textsafe"
)

// sampleRun has a clean device, a drifted one, an unreachable one and a
// device whose strings are hostile (ANSI, NUL, bidi), as a parser bug might
// let through.
func sampleRun() report.Run {
	t0 := time.Date(2026, 11, 27, 2, 15, 0, 0, time.UTC)
	clean := facts.Facts{
		Model: "C9300-48P", Serial: "FOC2318X0AA", OSVersion: "17.09.04a",
		Image:         "bootflash:cat9k_iosxe.17.09.04a.SPA.bin",
		ROMMON:        []facts.Component{{Name: "R0", Version: "17.9.1r[FC2]", Source: facts.SourceCLI, Origin: "show version"}},
		Boot:          facts.BootConfig{System: []string{"bootflash:cat9k_iosxe.17.09.04a.SPA.bin"}, ConfigRegister: "0x102"},
		ImageHashes:   []facts.ImageHash{{File: "bootflash:cat9k_iosxe.17.09.04a.SPA.bin", SHA512: strings.Repeat("ab", 64), Source: facts.SourceDevice}},
		UptimeSeconds: 86400, LastReloadReason: "Reload Command", HostKeySHA256: "SHA256:abc",
	}
	drift := clean
	drift.ROMMON = []facts.Component{{Name: "R0", Version: "16.7(5r)", Source: facts.SourceCLI, Origin: "show rom-monitor r0"}}
	hostile := clean
	hostile.Model = "C9300\x1b[2J\x1b]0;owned\x07-48P\x00"
	hostile.Image = "bootflash:\u202eevil.bin"
	return report.Run{
		StartedAt: t0, FinishedAt: t0.Add(42 * time.Second),
		Devices: []report.Device{
			{Name: "lon-acc-sw-01", Address: "192.0.2.7", Platform: "cisco_iosxe", Facts: clean},
			{Name: "lon-wan-02", Address: "192.0.2.12", Platform: "cisco_iosxe", Facts: drift, Findings: []audit.Finding{{
				Rule: "ROM-001", Severity: audit.High, Title: "ROMMON / boot-loader version not approved for the model",
				Expected: "16.12(2r)", Observed: "16.7(5r)", Evidence: "R0 (cli: show rom-monitor r0)",
				Escalate: true, EscalationReason: "ROMMON version not on the approved list", Technique: "T1542.004",
			}}},
			{Name: "dead-rtr-01", Address: "192.0.2.99", Platform: "cisco_iosxe", Error: "device dead-rtr-01: log in: connect: connection refused"},
			{Name: "evil-sw-01", Address: "192.0.2.66", Platform: "cisco_iosxe", Facts: hostile, Findings: []audit.Finding{{
				Rule: "BASE-001", Severity: audit.Info, Title: "no baseline for model", Observed: hostile.Model,
			}}},
		},
	}
}

func TestRenderGolden(t *testing.T) {
	for _, format := range []string{"table", "detail", "json"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, report.Render(&b, format, sampleRun()))
			golden.Assert(t, "testdata/run."+format+".golden", b.Bytes())
			if format != "json" {
				for _, line := range strings.Split(b.String(), "\n") {
					require.True(t, textsafe.IsSafe(line), "unsafe line in %s output: %q", format, line)
				}
			}
		})
	}
}

func TestSummaryAndStatus(t *testing.T) {
	r := sampleRun()
	require.Equal(t, report.Summary{Devices: 4, Clean: 2, Drift: 1, Error: 1, Escalate: 1}, r.Summary())
	require.Equal(t, report.StatusClean, r.Devices[3].Status(), "an info finding is not drift")
	// Drift outranks error: a refused host key is both.
	d := report.Device{Error: "host key changed", Findings: []audit.Finding{{Rule: "SSH-001", Severity: audit.Critical}}}
	require.Equal(t, report.StatusDrift, d.Status())
}

// TestJSONContract decodes the JSON into a generic map and checks the exact
// key sets of DESIGN.md, so an added or renamed field is a deliberate change.
func TestJSONContract(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, report.RenderJSON(&b, sampleRun()))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	keys := func(m any) []string {
		var ks []string
		for k := range m.(map[string]any) {
			ks = append(ks, k)
		}
		return ks
	}
	require.ElementsMatch(t, []string{"schema", "started_at", "finished_at", "summary", "devices"}, keys(doc))
	require.Equal(t, "2026-11-27T02:15:00Z", doc["started_at"])
	require.ElementsMatch(t, []string{"devices", "clean", "drift", "error", "escalate"}, keys(doc["summary"]))
	dev := doc["devices"].([]any)[1]
	require.ElementsMatch(t, []string{"name", "address", "platform", "status", "error", "facts", "findings", "plan"}, keys(dev))
	f := dev.(map[string]any)["facts"]
	require.ElementsMatch(t, []string{"model", "serial", "os_version", "image", "rommon", "boot", "uptime_seconds",
		"last_reload_reason", "image_hashes", "host_key_sha256"}, keys(f))
	require.ElementsMatch(t, []string{"component", "version", "source"}, keys(f.(map[string]any)["rommon"].([]any)[0]))
	require.ElementsMatch(t, []string{"system", "config_register", "config_register_next"}, keys(f.(map[string]any)["boot"]))
	require.ElementsMatch(t, []string{"file", "sha512", "source"}, keys(f.(map[string]any)["image_hashes"].([]any)[0]))
	fi := dev.(map[string]any)["findings"].([]any)[0]
	require.ElementsMatch(t, []string{"rule", "severity", "title", "expected", "observed", "evidence", "escalate", "escalation_reason"}, keys(fi))
	require.ElementsMatch(t, []string{"steps"}, keys(dev.(map[string]any)["plan"]))
	// Control characters are escaped by encoding/json, never raw.
	require.NotContains(t, b.String(), "\x1b")
	require.NotContains(t, b.String(), "\x00")
}

func TestRenderUnknownFormat(t *testing.T) {
	err := report.Render(&bytes.Buffer{}, "xml", sampleRun())
	require.ErrorContains(t, err, `unknown output format "xml"`)
}

// TestJSONImageHashKeysStayV1: a SHA-256-only hash (Junos) does not add a
// key to the v1 image_hashes objects.
func TestJSONImageHashKeysStayV1(t *testing.T) {
	r := sampleRun()
	r.Devices[0].Facts.ImageHashes = []facts.ImageHash{{File: "/var/tmp/junos.tgz", SHA256: strings.Repeat("cd", 32), Source: facts.SourceDevice}}
	var b bytes.Buffer
	require.NoError(t, report.RenderJSON(&b, r))
	var doc struct {
		Devices []struct {
			Facts struct {
				ImageHashes []map[string]any `json:"image_hashes"`
			} `json:"facts"`
		} `json:"devices"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	h := doc.Devices[0].Facts.ImageHashes[0]
	require.Len(t, h, 3)
	require.Equal(t, "/var/tmp/junos.tgz", h["file"])
	require.Equal(t, "", h["sha512"])
}
