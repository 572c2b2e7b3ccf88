package inventory_test

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

// TestSecretFileConstraints: password_file sends a file to the device the
// inventory names, so only a private regular file of bounded size is a
// secret. /etc/passwd (readable by all), a device, a FIFO (which would
// hang), a huge file are refused: the device is unusable, with a reason
// naming the file, line, credentials entry and field. A group-readable
// file is used, with a warning.
func TestSecretFileConstraints(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		want  string // "" → loads
	}{
		{"world-readable", func(t *testing.T, p string) { writeMode(t, p, "pw\n", 0o644) }, "readable or writable by others"},
		{"world-writable", func(t *testing.T, p string) { writeMode(t, p, "pw\n", 0o602) }, "readable or writable by others"},
		{"system-file", func(t *testing.T, p string) { require.NoError(t, os.Symlink("/etc/passwd", p)) }, "readable or writable by others"},
		{"device", func(t *testing.T, p string) { require.NoError(t, os.Symlink("/dev/zero", p)) }, "not a regular file"},
		{"fifo", func(t *testing.T, p string) { require.NoError(t, syscall.Mkfifo(p, 0o600)) }, "not a regular file"},
		{"too-large", func(t *testing.T, p string) { writeMode(t, p, strings.Repeat("x", 65<<10), 0o600) }, "larger than 64 KiB"},
		{"private", func(t *testing.T, p string) { writeMode(t, p, "pw\n", 0o600) }, ""},
		{"group-readable", func(t *testing.T, p string) { writeMode(t, p, "pw\n", 0o640) }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, filepath.Join(dir, "password"))
			inv := filepath.Join(dir, "inv.yaml")
			require.NoError(t, os.WriteFile(inv, []byte("credentials:\n  lab: {username: u, password_file: password}\ndevices:\n  - {name: r1, address: 192.0.2.1, platform: cisco_iosxe, credentials: lab}\n"), 0o600))
			var logs bytes.Buffer
			got, err := inventory.Load(inv, inventory.LoadOptions{Getenv: getenv(nil), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			require.NoError(t, err)
			d := got.Devices[0]
			if tc.want == "" {
				require.Empty(t, d.Unusable)
				require.Equal(t, "pw", d.Credentials.Password.Reveal())
				if tc.name == "group-readable" {
					require.Contains(t, logs.String(), "readable by group")
				}
				return
			}
			require.Contains(t, d.Unusable, inv+`:2: credentials "lab": password_file: cannot read`)
			require.Contains(t, d.Unusable, tc.want)
			require.True(t, d.Credentials.Password.IsZero())
		})
	}
}

func writeMode(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(data), mode))
	require.NoError(t, os.Chmod(path, mode)) // the umask may have narrowed it
}
