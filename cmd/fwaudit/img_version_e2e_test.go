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

	"fwaudit/internal/report"
)

// TestIMG001ByVersionOnEOSAndJunos sweeps the lab's clean Arista EOS and
// Junos devices over real SSH: with the shipped baselines (their approved
// images name the version they install) IMG-001 is quiet and the devices
// are clean; with a baseline whose images install another release IMG-001
// fires on each, from the running OS version (neither platform prints a
// running image path).
func TestIMG001ByVersionOnEOSAndJunos(t *testing.T) {
	_, dir := startLab(t)
	other := t.TempDir()
	for _, f := range []string{"arista_eos.yaml", "juniper_junos.yaml"} {
		b, err := os.ReadFile(filepath.Join("../../baselines", f))
		require.NoError(t, err)
		s := strings.NewReplacer("version: 4.28.3M", "version: 4.30.1F", "version: 21.4R3-S3.4", "version: 22.2R3.15").Replace(string(b))
		require.NotEqual(t, string(b), s, f)
		require.NoError(t, os.WriteFile(filepath.Join(other, f), []byte(s), 0o600))
	}
	for _, tc := range []struct {
		baselines string
		want      map[string]string // device → IMG-001 observed, "" for quiet
	}{
		{"../../baselines", map[string]string{"dc1-spine-eos-01": "", "ams-edge-mx-01": ""}},
		{other, map[string]string{"dc1-spine-eos-01": "OS version 4.28.3M", "ams-edge-mx-01": "OS version 21.4R3-S3.4"}},
	} {
		g := testGlobals(filepath.Join(dir, "inventory.yaml"))
		g.Output, g.State, g.Baselines = "json", "none", tc.baselines
		g.Devices = []string{"dc1-spine-eos-01", "ams-edge-mx-01"}
		var out bytes.Buffer
		err := runSweepT(context.Background(), g, &out)
		var rep report.JSONReport
		require.NoError(t, json.Unmarshal(out.Bytes(), &rep), "err: %v", err)
		require.Len(t, rep.Devices, 2)
		for _, d := range rep.Devices {
			var img []string
			for _, f := range d.Findings {
				if f.Rule == "IMG-001" {
					img = append(img, f.Observed)
				}
			}
			if want := tc.want[d.Name]; want == "" {
				require.Empty(t, img, d.Name)
				require.Equal(t, report.StatusClean, d.Status, "%s: %s %v", d.Name, d.Reason, d.Findings)
			} else {
				require.Equal(t, []string{want}, img, d.Name)
				require.Equal(t, report.StatusDrift, d.Status, d.Name)
			}
		}
	}
}
