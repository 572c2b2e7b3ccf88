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

const offboxFleetFile = "testdata/offbox-fleet.yaml"

// TestOffboxLabEndToEnd sweeps a fleet of lying and tampered devices with
// --offbox-hash, --kgv and --sudi-roots over real SSH, SFTP and exec
// channels: each drifted device gets exactly its findings, clean ones none.
func TestOffboxLabEndToEnd(t *testing.T) {
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

	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Output, g.State = "json", "none"
	g.offboxFlags = offboxFlags{OffboxHash: true, HashWorkers: 2, HashProtocol: "auto",
		measurementFlags: measurementFlags{KGVFile: kgvPath, SUDIRootsFile: rootsPath}}
	var out bytes.Buffer
	err = runSweepT(context.Background(), g, &out)
	require.Equal(t, exitDrift, exitCode(err), "err: %v", err)

	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	want := map[string][]string{
		"clean-sw-01":   nil,
		"clean-sw-02":   nil,
		"liar-sw":       {"BIV-001", "IMG-002", "IMG-003"},
		"tampered-sw":   {"BIV-001", "IMG-002", "IMG-002"},
		"missing-sw":    {"FACT-001", "IMG-004"}, // no image to verify: its hash is not reported either
		"biv-loader-sw": {"BIV-001"},
		"biv-liar-sw":   {"BIV-003"},
		"biv-badsig-sw": {"BIV-002"},
		"biv-stale-sw":  {"BIV-002"},
		"special-sw":    {"SIG-001"},
		"staged-sw":     {"FILE-001"},
	}
	require.Len(t, rep.Devices, len(want))
	for _, d := range rep.Devices {
		var got []string
		for _, f := range d.Findings {
			got = append(got, f.Rule)
		}
		require.Empty(t, d.Error, d.Name)
		require.Equal(t, want[d.Name], got, d.Name)
		var offbox int
		for _, h := range d.Facts.ImageHashes {
			if h.Source == "offbox" {
				offbox++
			}
		}
		if d.Name != "missing-sw" {
			require.Equal(t, 1, offbox, "%s: the running image was hashed off the box", d.Name)
		}
	}
	liar := rep.Devices[2]
	require.Equal(t, "liar-sw", liar.Name)
	require.Contains(t, liar.Findings[2].Evidence, "streamed the file off the device")
}
