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

	"fwaudit/internal/lab"
	"fwaudit/internal/report"
)

// TestSweepOneMissingSNMPSecret: one device's SNMP secret file is missing.
// That device is an error naming the device, the field and the file, and is
// never contacted; the other devices are audited (clean); with no drift the
// exit code is 2, not 3.
func TestSweepOneMissingSNMPSecret(t *testing.T) {
	const secret = "own-auth-secret-of-device-1"
	l, inv := startQuirkyLab(t, 3, nil, func(i int, d *lab.DeviceSpec) {
		if i == 1 {
			d.SNMPAuthPassword = secret // its own secret files, so only its file goes missing
		}
	})
	bad := l.Devices()[1].Name()
	missing := filepath.Join(filepath.Dir(inv), "snmp-"+bad+"-auth.secret")
	require.NoError(t, os.Remove(missing))

	g := testGlobals(inv)
	g.Output = "json"
	var out bytes.Buffer
	err := runSweepT(context.Background(), g, &out)
	require.Equal(t, exitFailed, exitCode(err), "err: %v", err)

	var rep report.JSONReport
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	require.Len(t, rep.Devices, 3)
	for i, d := range rep.Devices {
		if i == 1 {
			require.Equal(t, bad, d.Name)
			require.Equal(t, "error", string(d.Status))
			require.Contains(t, d.Error, "device "+bad+": unusable in the inventory; not contacted: ")
			require.Regexp(t, `: `+regexp.QuoteMeta(inv)+`:\d+: device "`+bad+`": snmp.auth_password_file: cannot read "`, d.Error)
			require.Contains(t, d.Error, `": no such file or directory`, "the path is quoted and cut at 64 runes")
			require.Contains(t, d.Error, missing[:40])
			require.NotContains(t, d.Error, secret)
			require.Empty(t, d.Findings)
			continue
		}
		require.Empty(t, d.Error, d.Name)
		require.Equal(t, "clean", string(d.Status), d.Name)
	}
	require.Zero(t, l.Devices()[1].AuthAttempts(), "the unusable device is never contacted")
}
