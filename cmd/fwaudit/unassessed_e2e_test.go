package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/report"
	"fwaudit/internal/reportschema"
)

// unassessedFleet: an ISR 4451 (no baseline model matches ISR4451-X/K9 in
// baselines/cisco_iosxe.yaml) next to an ISR 4331 that is fully read and
// matches its baseline.
const unassessedFleet = `
defaults: {platform: cisco_iosxe, username: admin, password: fwlab-admin, enable_secret: fwlab-enable,
  os_version: "17.09.04a", config_register: "0x2102", reload_reason: Reload Command}
devices:
  - {name: lon-wan-01, model: ISR4331/K9, serial: FDO21520TGH, rommon: "16.12(2r)",
     image: isr4300-universalk9.17.09.04a.SPA.bin, files: [{name: isr4300-universalk9.17.09.04a.SPA.bin, size: 6291456}]}
  - {name: lon-isr-44, model: ISR4451-X/K9, serial: FDO21520TGK, rommon: "16.12(2r)",
     image: isr4400-universalk9.17.09.04a.SPA.bin, files: [{name: isr4400-universalk9.17.09.04a.SPA.bin, size: 6291456}]}
`

// TestSweepLabUnassessedISR sweeps the lab over real SSH: the ISR whose
// model has no baseline is unassessed with the reason (never clean), the
// matching ISR is clean, the exit code is 2, and the v2 JSON follows the
// published schema; json-v1 shows the ISR as an error.
func TestSweepLabUnassessedISR(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, unassessedFleet), lab.Options{})
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	t.Setenv("FWAUDIT_PASSWORD", lab.DefaultPassword)
	t.Setenv("FWAUDIT_ENABLE", lab.DefaultEnableSecret)
	g := testGlobals(filepath.Join(dir, "inventory.yaml"))
	g.Output = "json"
	var out bytes.Buffer
	err := runSweepT(context.Background(), g, &out)
	require.Equal(t, exitFailed, exitCode(err), "err: %v", err)
	reportschema.Validate(t, out.Bytes())
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	byName := map[string]report.JSONDevice{}
	for _, d := range rep.Devices {
		byName[d.Name] = d
	}
	isr := byName["lon-isr-44"]
	require.Equal(t, report.StatusUnassessed, isr.Status)
	require.Contains(t, isr.Reason, "no baseline for model ISR4451-X/K9")
	require.Equal(t, report.StatusClean, byName["lon-wan-01"].Status)
	require.Empty(t, byName["lon-wan-01"].Reason)
	require.Equal(t, 1, rep.Summary.Unassessed)
	require.Equal(t, 1, rep.Summary.Clean)

	g.Output = "json-v1"
	out.Reset()
	require.Equal(t, exitFailed, exitCode(runSweepT(context.Background(), g, &out)))
	var v1 report.JSONReportV1
	require.NoError(t, json.Unmarshal(out.Bytes(), &v1))
	require.Equal(t, report.SchemaV1, v1.Schema)
	for _, d := range v1.Devices {
		if d.Name == "lon-isr-44" {
			require.Equal(t, report.StatusError, d.Status, "v1 has no unassessed: fails closed as error")
			require.Contains(t, d.Error, "unassessed: no baseline for model ISR4451-X/K9")
		}
	}
}
