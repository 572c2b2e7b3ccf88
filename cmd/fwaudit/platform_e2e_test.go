package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/report"
	"fwaudit/internal/reportschema"
)

// TestSweepLabDeclaredPlatformChecked: a classic IOS router the inventory
// calls IOS XE is not audited with IOS XE's parsers and baseline: it is
// unassessed with a platform mismatch (PLAT-001 only, no ROM-001 / ROM-005
// of its real drift, no plan), and the run exits 2; declared right, the
// same router drifts.
func TestSweepLabDeclaredPlatformChecked(t *testing.T) {
	_, dir := startLab(t)
	inv := filepath.Join(dir, "inventory.yaml")
	b, err := os.ReadFile(inv)
	require.NoError(t, err)
	wrong := regexp.MustCompile(`(?m)(- name: mad-br-isr-02\n(?:    .*\n)*?    platform: )cisco_ios\n`).ReplaceAll(b, []byte("${1}cisco_iosxe\n"))
	require.NotEqual(t, b, wrong, "the fixture names mad-br-isr-02's platform")
	require.NoError(t, os.WriteFile(inv, wrong, 0o600))

	g := testGlobals(inv)
	g.Output, g.Devices = "json", []string{"mad-br-isr-02"}
	var out bytes.Buffer
	err = runSweepT(context.Background(), g, &out)
	require.Equal(t, exitFailed, exitCode(err), "err: %v", err)
	reportschema.Validate(t, out.Bytes())
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Len(t, rep.Devices, 1)
	d := rep.Devices[0]
	require.Equal(t, report.StatusUnassessed, d.Status)
	require.Equal(t, "platform mismatch: declared cisco_iosxe, the device looks like cisco_ios", d.Reason)
	require.Len(t, d.Findings, 1)
	require.Equal(t, audit.PLAT001, d.Findings[0].Rule)
	require.Empty(t, d.Plan.Steps, "no incident playbook from the wrong parsers")

	require.NoError(t, os.WriteFile(inv, b, 0o600))
	out.Reset()
	require.Equal(t, exitDrift, exitCode(runSweepT(context.Background(), g, &out)), "declared right, its drift is found")
}
