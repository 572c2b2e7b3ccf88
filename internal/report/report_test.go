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
	"fwaudit/internal/reportschema"
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
	for _, format := range []string{"table", "detail", "json", "json-v1"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, report.Render(&b, format, sampleRun()))
			golden.Assert(t, "testdata/run."+format+".golden", b.Bytes())
			if format == "json" {
				reportschema.Validate(t, b.Bytes())
			}
			if !strings.HasPrefix(format, "json") {
				for _, line := range strings.Split(b.String(), "\n") {
					require.True(t, textsafe.IsSafe(line), "unsafe line in %s output: %q", format, line)
				}
			}
		})
	}
}

func TestSummaryAndStatus(t *testing.T) {
	r := sampleRun()
	require.Equal(t, report.Summary{Devices: 4, Clean: 1, Drift: 1, Error: 1, Unassessed: 1, Escalate: 1, New: 2}, r.Summary())
	require.Equal(t, report.StatusUnassessed, r.Devices[3].Status(), "no baseline: an info finding is not drift, and not clean either")
	require.Contains(t, r.Devices[3].Reason(), "no baseline for model")
	require.Equal(t, report.StatusClean, r.Devices[0].Status())
	require.Empty(t, r.Devices[0].Reason())
	require.Equal(t, "device dead-rtr-01: log in: connect: connection refused", r.Devices[2].Reason())
	// Drift outranks error: a refused host key is both.
	d := report.Device{Error: "host key changed", Findings: []audit.Finding{{Rule: "SSH-001", Severity: audit.Critical}}}
	require.Equal(t, report.StatusDrift, d.Status())
}

// TestStatusIgnoresAcceptedFindings: an accepted finding is reported but
// no longer makes the device drift, nor counts for --fail-on.
func TestStatusIgnoresAcceptedFindings(t *testing.T) {
	r := sampleRun()
	wan := &r.Devices[1]
	wan.Findings[0].State, wan.Findings[0].Accepted = audit.StateAccepted, &audit.Acceptance{By: "soc", Reason: "known"}
	require.Equal(t, report.StatusClean, wan.Status())
	require.Equal(t, 0, r.Failing(audit.Low))
	s := r.Summary()
	require.Equal(t, 1, s.Accepted)
	require.Equal(t, 1, s.New)
}

func TestFailing(t *testing.T) {
	r := sampleRun() // one high (ROM-001), one info (BASE-001)
	tests := []struct {
		min  audit.Severity
		want int
	}{{audit.Low, 1}, {audit.High, 1}, {audit.Critical, 0}, {audit.Info, 1}}
	for _, tc := range tests {
		t.Run(string(tc.min), func(t *testing.T) {
			require.Equal(t, tc.want, r.Failing(tc.min))
		})
	}
}

// TestJSONV1Contract decodes the v1 JSON (-o json-v1) into a generic map and
// checks the exact key sets of DESIGN.md: v1 is frozen.
func TestJSONV1Contract(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, report.RenderJSONV1(&b, sampleRun()))
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
	require.Equal(t, "fwaudit.report/v1", doc["schema"])
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
	// v1 has no unassessed: such a device is an error there (fails closed).
	evil := doc["devices"].([]any)[3].(map[string]any)
	require.Equal(t, "error", evil["status"])
	require.Contains(t, evil["error"], "unassessed: no baseline for model")
	require.EqualValues(t, 2, doc["summary"].(map[string]any)["error"])
}

// TestJSONV2 checks what v2 adds to v1: the device's reason, the findings'
// lifecycle, the summary's state counts, an accepted finding's record.
func TestJSONV2(t *testing.T) {
	r := sampleRun()
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	f := &r.Devices[1].Findings[0]
	f.State, f.FirstSeen, f.LastSeen = audit.StateAccepted, at.Add(-time.Hour), r.StartedAt
	f.Accepted = &audit.Acceptance{By: "alice", At: at, Reason: "RMA pending", Until: at.Add(30 * 24 * time.Hour), Ticket: "CHG-7"}
	var b bytes.Buffer
	require.NoError(t, report.RenderJSON(&b, r))
	reportschema.Validate(t, b.Bytes())
	var doc report.JSONReport
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	require.Equal(t, "fwaudit.report/v2", doc.Schema)
	require.Equal(t, report.Summary{Devices: 4, Clean: 2, Error: 1, Unassessed: 1, Escalate: 1, New: 1, Accepted: 1}, doc.Summary)
	evil := doc.Devices[3]
	require.Equal(t, report.StatusUnassessed, evil.Status)
	require.Contains(t, evil.Reason, "no baseline for model")
	fi := evil.Findings[0]
	require.Equal(t, audit.StateNew, fi.State)
	require.Equal(t, "2026-11-27T02:15:00Z", fi.FirstSeen)
	require.Equal(t, fi.FirstSeen, fi.LastSeen)
	require.Nil(t, fi.Accepted)
	acc := doc.Devices[1].Findings[0]
	require.Equal(t, audit.StateAccepted, acc.State)
	require.Equal(t, "2026-11-20T08:00:00Z", acc.FirstSeen)
	require.Equal(t, &report.JSONAcceptance{By: "alice", At: "2026-11-20T09:00:00Z", Reason: "RMA pending",
		Until: "2026-12-20T09:00:00Z", Ticket: "CHG-7"}, acc.Accepted)
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
	require.NoError(t, report.RenderJSONV1(&b, r))
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
