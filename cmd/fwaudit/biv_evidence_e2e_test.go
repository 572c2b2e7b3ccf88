package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/report"
)

// TestBootIntegrityEvidenceKept sweeps two lab IOS XE devices with signed
// boot-integrity measurements over real SSH exec channels: biv-loader-sw
// (its boot loader is not a known-good value: BIV-001 fires) and
// clean-sw-01 (quiet). The signed outputs are stored with the snapshot,
// exported by `fwaudit evidence`, judged again by `fwaudit ingest` of the
// export (same BIV finding, none for the clean one), and readable by
// `fwaudit parse`; the detail view says what was checked.
func TestBootIntegrityEvidenceKept(t *testing.T) {
	fleet, err := lab.LoadFleet(offboxFleetFile)
	require.NoError(t, err)
	l := labtest.StartFleet(t, fleet, lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	t.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	t.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	kgvJSON, err := fleet.KnownGoodJSON()
	require.NoError(t, err)
	kgvPath, rootsPath := filepath.Join(dir, "kgv.json"), filepath.Join(dir, "sudi-roots.pem")
	require.NoError(t, os.WriteFile(kgvPath, kgvJSON, 0o600))
	require.NoError(t, os.WriteFile(rootsPath, lab.SUDIRootPEM(), 0o600))
	refs := measurementFlags{KGVFile: kgvPath, SUDIRootsFile: rootsPath}

	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.State = filepath.Join(dir, "state.db")
	g.Devices = []string{"biv-loader-sw", "clean-sw-01"}
	g.offboxFlags = offboxFlags{BootIntegrity: true, HashWorkers: 1, HashProtocol: "auto", measurementFlags: refs}
	var detail bytes.Buffer
	g.Output = "detail"
	require.Equal(t, exitDrift, exitCode(runSweepT(context.Background(), g, &detail)))
	text := detail.String()
	require.Contains(t, text, "boot integrity")
	require.Contains(t, text, "PCR0 recomputed from the printed boot 0 and boot loader hashes: matches the signed value (BIV-003)")
	require.Contains(t, text, "checked against "+rootsPath+": ")
	require.Contains(t, text, ": verifies (BIV-002)")
	require.Contains(t, text, "compared with known-good values "+kgvPath)
	require.Contains(t, text, "1 not known (BIV-001)", "biv-loader-sw's loader")
	require.Contains(t, text, "0 not known (BIV-001)", "clean-sw-01")

	for name, want := range map[string][]string{"biv-loader-sw": {"BIV-001"}, "clean-sw-01": nil} {
		t.Run(name, func(t *testing.T) {
			ev := filepath.Join(t.TempDir(), name)
			var msg bytes.Buffer
			require.NoError(t, runEvidence(context.Background(), g.State, []string{name}, ev, &msg))
			outs, err := os.ReadDir(filepath.Join(ev, "outputs", name))
			require.NoError(t, err)
			var signed []string
			for _, e := range outs {
				if strings.HasPrefix(e.Name(), "show platform integrity sign nonce ") || strings.HasPrefix(e.Name(), "show platform sudi certificate sign nonce ") {
					signed = append(signed, e.Name())
				}
			}
			require.Len(t, signed, 2, "the signed integrity and SUDI outputs are in the exported snapshot: %v", outs)

			// fwaudit parse reads the exported signed output.
			var parsed bytes.Buffer
			cmd := strings.TrimSuffix(signed[0], ".txt")
			require.NoError(t, runParse(parseOptions{platform: "cisco_iosxe", command: cmd}, filepath.Join(ev, "outputs", name, signed[0]), nil, &parsed))
			require.Contains(t, parsed.String(), `"pcr0"`)

			// fwaudit ingest of the export judges the measurements again.
			gi := testGlobals("")
			gi.Output = "json"
			var out bytes.Buffer
			err = runIngest(context.Background(), gi.ingest(ingestOptions{measurementFlags: refs}), gi.root(), ev, false, &out)
			require.Contains(t, []int{exitOK, exitDrift}, exitCode(err), "err: %v", err)
			var rep report.JSONReport
			require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
			require.Len(t, rep.Devices, 1)
			var got []string
			for _, f := range rep.Devices[0].Findings {
				if strings.HasPrefix(f.Rule, "BIV-") {
					got = append(got, f.Rule)
				}
			}
			require.Equal(t, want, got)
		})
	}
}

// TestBootIntegrityAloneSaysWhatIsChecked: --boot-integrity with no KGV
// file and no roots collects and recomputes the PCRs, and says in the
// detail view and on stderr that the signature and known-good values were
// not checked.
func TestBootIntegrityAloneSaysWhatIsChecked(t *testing.T) {
	fleet, err := lab.LoadFleet(offboxFleetFile)
	require.NoError(t, err)
	l := labtest.StartFleet(t, fleet, lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	t.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	t.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.State, g.Output, g.LogLevel = "none", "detail", "warn"
	var stderr bytes.Buffer
	g.stderr = &stderr
	g.Devices = []string{"biv-liar-sw"}
	g.offboxFlags = offboxFlags{BootIntegrity: true, HashWorkers: 1, HashProtocol: "auto"}
	var out bytes.Buffer
	err = runSweepT(context.Background(), g, &out)
	require.Equal(t, exitDrift, exitCode(err), "BIV-003 needs no reference: %v", err)
	text := out.String()
	require.Contains(t, text, "PCR0 recomputed from the printed boot 0 and boot loader hashes: DIFFERS from the signed value (BIV-003)")
	require.Contains(t, text, "NOT checked  signature and SUDI chain not checked: no trusted roots given (--sudi-roots; BIV-002 did not run)")
	require.Contains(t, text, "NOT checked  measurements not compared with known-good values: no KGV file given (--kgv; BIV-001 did not run)")
	require.Contains(t, stderr.String(), "not checked: known-good values (no --kgv")
}
