package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/report"
)

// TestIngestEvidenceEqualsLive sweeps the lab fleet into a history store,
// exports every device's snapshot with `fwaudit evidence` as a folder and
// as a .tar.gz, and ingests each: the findings are the live sweep's.
func TestIngestEvidenceEqualsLive(t *testing.T) {
	l, dir := startLab(t)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Output, g.State = "json", filepath.Join(dir, "state.db")
	var live bytes.Buffer
	require.Equal(t, exitDrift, exitCode(runSweepT(context.Background(), g, &live)))
	want := findingsByDevice(t, live.Bytes())

	cases := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(cases, "tarballs"), 0o700))
	for _, d := range l.Devices() {
		var msg bytes.Buffer
		require.NoError(t, runEvidence(context.Background(), g.State, []string{d.Name()}, filepath.Join(cases, "folders", d.Name()), &msg))
		require.NoError(t, runEvidence(context.Background(), g.State, []string{d.Name()}, filepath.Join(cases, "tarballs", d.Name()+".tar.gz"), &msg))
	}
	// A case folder of tarballs one level down (cases/INC-77/*.tar.gz) is
	// read as bundles too, not as backup files.
	require.NoError(t, os.MkdirAll(filepath.Join(cases, "nested", "INC-77"), 0o700))
	tars, err := os.ReadDir(filepath.Join(cases, "tarballs"))
	require.NoError(t, err)
	for _, e := range tars {
		b, err := os.ReadFile(filepath.Join(cases, "tarballs", e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(cases, "nested", "INC-77", e.Name()), b, 0o600))
	}
	for _, shape := range []string{"folders", "tarballs", "nested"} {
		t.Run(shape, func(t *testing.T) {
			gi := testGlobals(filepath.Join(dir, "inventory.yaml"))
			gi.Output = "json"
			var out bytes.Buffer
			err := runIngest(context.Background(), gi.ingest(ingestOptions{}), gi.root(), filepath.Join(cases, shape), true, &out)
			require.Equal(t, exitDrift, exitCode(err), "err: %v", err)
			var rep report.JSONReport
			require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
			require.Equal(t, want, findingsByDevice(t, out.Bytes()))
		})
	}
}

// TestIngestEvidenceCrossChecksSNMP: a device whose SNMP agent reports
// other boot firmware than its CLI (ROM-003 live) keeps ROM-003 when its
// exported snapshot is ingested: the saved SNMP answers are read back.
// Before, ingest ignored them and the drifted device came out with no
// cross-check finding.
func TestIngestEvidenceCrossChecksSNMP(t *testing.T) {
	fleet := labtest.Fleet(t, `
devices:
  - {name: liar-rom, platform: cisco_iosxe, model: ISR4331/K9, serial: FDO21520TGX, rommon: "16.12(2r)",
     image: isr4300-universalk9.17.09.04a.SPA.bin, snmp_firmware: "16.7(5r)"}
  - {name: honest-rom, platform: cisco_iosxe, model: ISR4331/K9, serial: FDO21520TGY, rommon: "16.12(2r)",
     image: isr4300-universalk9.17.09.04a.SPA.bin}
`)
	l := labtest.StartFleet(t, fleet, lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	t.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	t.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Output, g.State = "json", filepath.Join(dir, "state.db")
	var live bytes.Buffer
	_ = runSweepT(context.Background(), g, &live)
	rules := func(js []byte) map[string][]string {
		var rep report.JSONReport
		require.NoError(t, json.Unmarshal(js, &rep))
		out := map[string][]string{}
		for _, d := range rep.Devices {
			out[d.Name] = []string{}
			for _, f := range d.Findings {
				out[d.Name] = append(out[d.Name], f.Rule)
			}
		}
		return out
	}
	want := rules(live.Bytes())
	require.Contains(t, want["liar-rom"], "ROM-003")
	require.NotContains(t, want["honest-rom"], "ROM-003")

	cases := t.TempDir()
	for _, name := range []string{"liar-rom", "honest-rom"} {
		var msg bytes.Buffer
		require.NoError(t, runEvidence(context.Background(), g.State, []string{name}, filepath.Join(cases, name+".tgz"), &msg))
	}
	gi := testGlobals(filepath.Join(dir, "inventory.yaml"))
	gi.Output = "json"
	var out bytes.Buffer
	_ = runIngest(context.Background(), gi.ingest(ingestOptions{}), gi.root(), cases, true, &out)
	require.Equal(t, want, rules(out.Bytes()))
}
