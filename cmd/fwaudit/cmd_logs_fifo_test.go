package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestLogsRefusesFIFOAndDevices: a log argument that is a FIFO (whose
// plain open waits for a writer forever, deaf to SIGINT) or a symlink to
// /dev/zero (endless bytes) is refused at once with an error naming the
// file, exit 2, instead of hanging or reading without end; a regular file
// next to it is not the problem.
func TestLogsRefusesFIFOAndDevices(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "collector.log")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	zero := filepath.Join(dir, "zero.log")
	require.NoError(t, os.Symlink("/dev/zero", zero))
	for _, tc := range []struct{ name, path, kind string }{
		{"fifo", fifo, "a named pipe"},
		{"dev-zero-symlink", zero, "a character device"},
		{"directory", dir, "a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := testGlobals("")
			g.Baselines = logBaselines(t)
			done := make(chan error, 1)
			go func() {
				var out bytes.Buffer
				done <- runLogs(context.Background(), logsOptions{referenceFlags: g.referenceFlags, Output: "table"}, g.root(),
					[]string{"testdata/logs/syslog-rfc5424.log", tc.path}, &out)
			}()
			select {
			case err := <-done:
				require.Error(t, err)
				require.ErrorContains(t, err, tc.path)
				require.ErrorContains(t, err, "not a regular file ("+tc.kind+")")
				require.Equal(t, exitFailed, exitCode(err))
			case <-time.After(time.Minute): // a hang guard, not a timing assertion
				t.Fatalf("fwaudit logs %s did not return: it blocks on the file", tc.path)
			}
		})
	}
}
