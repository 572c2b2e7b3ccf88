package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/report"
)

// TestHostileReportSafe sweeps hostile devices (escape sequences and NUL
// bytes, 1 MiB lines, endless output, a mid-command disconnect) and checks
// that no output format and no log line carries a control byte the device
// sent, and that the JSON stays valid.
func TestHostileReportSafe(t *testing.T) {
	_, inv := startQuirkyLab(t, 6, []lab.Quirks{
		{Hostile: lab.HostileANSINUL}, {Hostile: lab.HostileLongLines},
		{Hostile: lab.HostileEndlessOutput}, {Hostile: lab.HostileDisconnect},
	}, nil)
	for _, format := range report.Formats {
		t.Run(format, func(t *testing.T) {
			g := testGlobals(inv)
			g.Output, g.LogLevel = format, "debug"
			g.CommandTimeout = 10 * time.Second
			logs := &syncBuffer{}
			g.stderr = logs
			var out bytes.Buffer
			err := runSweepT(context.Background(), g, &out)
			// The ansi-nul device's mangled outputs may read as drift.
			require.Contains(t, []int{exitDrift, exitFailed}, exitCode(err), "err: %v", err)
			for name, text := range map[string][]byte{"report": out.Bytes(), "logs": []byte(logs.String())} {
				for _, c := range text {
					if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
						t.Fatalf("%s carries control byte %#x", name, c)
					}
				}
			}
			require.Less(t, out.Len(), 1<<20, "a 1 MiB device line must not reach the report")
			if format == "json" {
				var rep report.JSONReport
				require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
				require.Len(t, rep.Devices, 6)
				require.Empty(t, rep.Devices[1].Error, "long lines are audited")
				require.Contains(t, rep.Devices[2].Error, "output too large")
				require.Contains(t, rep.Devices[3].Error, "device closed the session")
			}
		})
	}
}
