package inventory_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

// loadOrHang runs Load and fails (instead of hanging the test binary) when
// it does not return; on a hang it opens every FIFO for writing so the
// blocked open returns.
func loadOrHang(t *testing.T, path string, fifos ...string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := inventory.Load(path, inventory.LoadOptions{Getenv: getenv(testEnv)})
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		for _, f := range fifos {
			if w, err := os.OpenFile(f, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		}
		t.Fatalf("inventory.Load(%s) hung", path)
		return nil
	}
}

// TestLoadRefusesSpecialFiles: a FIFO as the inventory (or in its folder)
// would block the open forever, deaf to SIGINT; a symlink to /dev/zero
// would be read without end. Both are refused as not regular files.
func TestLoadRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	folder := filepath.Join(dir, "folder")
	require.NoError(t, os.Mkdir(folder, 0o700))
	require.NoError(t, syscall.Mkfifo(filepath.Join(folder, "10-devices.yaml"), 0o600))
	zero := filepath.Join(dir, "zero.yaml")
	require.NoError(t, os.Symlink("/dev/zero", zero))

	for _, tc := range []struct{ name, path string }{
		{"fifo", fifo},
		{"fifo-in-folder", folder},
		{"dev-zero-symlink", zero},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := loadOrHang(t, tc.path, fifo, filepath.Join(folder, "10-devices.yaml"))
			require.ErrorIs(t, err, inventory.ErrInvalid)
			require.ErrorContains(t, err, "not a regular file")
		})
	}
}
