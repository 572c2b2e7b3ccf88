package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/jedib0t/go-pretty/v6/text"
	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
	"fwaudit/internal/golden"
	"fwaudit/internal/report"
)

// longError is an error cause the table must keep whole at any width.
const longError = "device par-core-xr-02: collect ssh: show install active summary: read: device sent more than " +
	"1048576 bytes: output too large (raise max_output_bytes for this device in the inventory)"

// wideRun is a fleet like the demo's, whose table is ~220 columns wide.
func wideRun() report.Run {
	r := sampleRun()
	xr := facts.Facts{Model: "NCS-55A1-24H", OSVersion: "7.9.2", Image: "disk0:ncs5500-xr-7.9.2",
		ROMMON: []facts.Component{{Name: "0/RP0", Version: "1.08", Source: facts.SourceCLI}, {Name: "0/0", Version: "1.15", Source: facts.SourceCLI},
			{Name: "0/RP0", Version: "1.08", Source: facts.SourceSNMP}}}
	isr := facts.Facts{Model: "CISCO2911/K9", OSVersion: "15.7(3)M8", Image: "flash0:c2900-universalk9-mz.SPA.157-3.M8.bin",
		ROMMON: []facts.Component{{Name: "0", Version: "15.0(1r)M16", Source: facts.SourceCLI}, {Name: "0", Version: "15.0(1r)M16", Source: facts.SourceSNMP}}}
	r.Devices = append(r.Devices,
		report.Device{Name: "par-core-xr-02", Platform: "cisco_iosxr", Facts: xr, Findings: []audit.Finding{{Rule: "ROM-003",
			Severity: audit.Critical, Title: "CLI and SNMP disagree about the ROMMON / firmware version", Observed: "cli 1.08, 1.15 / snmp 1.08",
			Expected: "the same versions on every channel", Escalate: true}}},
		report.Device{Name: "mad-br-isr-02", Platform: "cisco_ios", Facts: isr, Findings: []audit.Finding{
			{Rule: "ROM-001", Severity: audit.High, Title: "ROMMON / boot-loader version not approved for the model",
				Observed: "15.0(1r)M16", Expected: "15.0(1r)M9, 15.0(1r)M12", Escalate: true},
			{Rule: "ROM-005", Severity: audit.High, Title: "ROMMON runs (or will boot) from an upgrade region that is not approved",
				Observed: "upgrade region 15.0(1r)M16 (ReadOnly 15.0(1r)M9)", Expected: "read-only region, or an upgrade region on the approved list",
				Escalate: true}}},
		report.Device{Name: "fra-acc-sw-03", Platform: "cisco_iosxe", Facts: r.Devices[0].Facts, Findings: []audit.Finding{{Rule: "IMG-002",
			Severity: audit.Critical, Title: "image hash differs from the approved sha512", Observed: strings.Repeat("3bb9fea8", 16),
			Expected: strings.Repeat("cf44ed1d", 16), Escalate: true}}},
		report.Device{Name: "par-core-xr-03", Platform: "cisco_iosxr", Error: longError},
	)
	return r
}

func TestRenderTableFitsWidth(t *testing.T) {
	for _, width := range []int{80, 120, 0} {
		name := fmt.Sprint(width)
		if width == 0 {
			name = "wide"
		}
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, report.RenderWith(&b, "table", wideRun(), report.RenderOptions{Width: width}))
			golden.Assert(t, "testdata/wide.table."+name+".golden", b.Bytes())
			out := b.String()
			widest := 0
			for _, line := range strings.Split(out, "\n") {
				widest = max(widest, text.StringWidthWithoutEscSequences(line))
			}
			if width > 0 {
				require.LessOrEqual(t, widest, width, "a line is wider than the terminal")
			} else {
				require.Greater(t, widest, 200, "--wide shows every cell in full")
				require.NotContains(t, out, "…")
			}
			for _, d := range wideRun().Devices {
				require.Contains(t, out, d.Name, "a device name is never cut")
				require.Contains(t, out, "│ "+statusText(d), "a status is never cut")
			}
			for _, word := range strings.Fields(longError) {
				require.Contains(t, out, word, "the error cause stays visible")
			}
		})
	}
}

func statusText(d report.Device) string {
	s := string(d.Status())
	if d.Escalated() {
		s += " (escalate)"
	}
	return s
}

func TestRenderTableCutsWidestFirst(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, report.RenderTableWith(&b, wideRun(), report.TableOptions{Width: 120}))
	out := b.String()
	require.Contains(t, out, "cisco_iosxe", "a narrow column is left whole while wider ones are cut")
	require.Contains(t, out, "…", "the widest cells are cut with an ellipsis")
}

func TestFitWidth(t *testing.T) {
	tests := []struct {
		name    string
		wide    bool
		tty     int
		columns string
		want    int
	}{
		{"--wide", true, 80, "100", 0},
		{"terminal", false, 80, "100", 80},
		{"no terminal, COLUMNS", false, 0, " 132 ", 132},
		{"no terminal, bad COLUMNS", false, 0, "-3", 0},
		{"no terminal", false, 0, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, report.FitWidth(tt.wide, tt.tty, tt.columns))
		})
	}
}
