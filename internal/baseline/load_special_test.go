package baseline_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

// orHang runs load and fails (instead of hanging the test binary) when it
// does not return; on a hang it opens every FIFO for writing so the
// blocked open returns.
func orHang(t *testing.T, load func() error, fifos ...string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- load() }()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		for _, f := range fifos {
			if w, err := os.OpenFile(f, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		}
		t.Fatal("load hung")
		return nil
	}
}

// TestLoadRefusesSpecialFiles: a FIFO as a baseline or change-window file
// would block the open forever, deaf to SIGINT; a symlink to /dev/zero in
// baselines/ would be read without end. Both are refused as not regular.
func TestLoadRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifoDir := filepath.Join(dir, "fifo")
	zeroDir := filepath.Join(dir, "zero")
	changesDir := filepath.Join(dir, "changes")
	for _, d := range []string{fifoDir, zeroDir, changesDir} {
		require.NoError(t, os.Mkdir(d, 0o700))
	}
	fifo := filepath.Join(fifoDir, "ios.yaml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	require.NoError(t, os.Symlink("/dev/zero", filepath.Join(zeroDir, "ios.yaml")))
	changes := filepath.Join(changesDir, baseline.ChangesFile)
	require.NoError(t, syscall.Mkfifo(changes, 0o600))
	fifos := []string{fifo, changes}

	for _, tc := range []struct {
		name string
		load func() error
	}{
		{"fifo-baseline-folder", func() error { _, err := baseline.Load(fifoDir, known); return err }},
		{"fifo-baseline-file", func() error { _, err := baseline.Load(fifo, known); return err }},
		{"dev-zero-symlink", func() error { _, err := baseline.Load(zeroDir, known); return err }},
		{"fifo-changes", func() error { _, err := baseline.LoadChanges(changes); return err }},
		{"fifo-default-changes", func() error { _, err := baseline.LoadDefaultChanges(changesDir); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := orHang(t, tc.load, fifos...)
			require.ErrorIs(t, err, baseline.ErrInvalid)
			require.ErrorContains(t, err, "not a regular file")
		})
	}
}
