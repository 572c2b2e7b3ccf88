package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/platform"
)

func TestFileNameRoundTrip(t *testing.T) {
	for _, cmd := range []string{"show version", "verify /sha512 bootflash:x.bin", "show running-config | include boot|config-register", "a%2Fb"} {
		name := FileName(cmd)
		require.NotContains(t, name, "/")
		require.Equal(t, cmd, CommandFromFileName(name))
	}
	require.Equal(t, "show version.txt", FileName("show version"))
}

func TestLoadLayouts(t *testing.T) {
	dir := t.TempDir()
	dev := filepath.Join(dir, "nx-1")
	require.NoError(t, os.Mkdir(dev, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dev, "show version.txt"), []byte("NXOS: version 9.3(15)\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dev, FileName("verify /sha512 bootflash:x.bin")), []byte("x"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dev, ".hidden"), []byte("x"), 0o600))
	b, err := os.ReadFile("testdata/rancid-c3750x.txt")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "acc-sw-01.cfg"), b, 0o600))

	devs, err := Load(dir)
	require.NoError(t, err)
	require.Len(t, devs, 2)
	require.Equal(t, "acc-sw-01", devs[0].Name)
	require.Equal(t, "rancid", devs[0].Backup)
	require.Equal(t, "nx-1", devs[1].Name)
	require.Equal(t, platform.Outputs{"show version": "NXOS: version 9.3(15)\n", "verify /sha512 bootflash:x.bin": "x"}, devs[1].Outputs)
}

func TestLoadErrors(t *testing.T) {
	_, err := Load(t.TempDir())
	require.ErrorIs(t, err, ErrLayout)
	_, err = Load(filepath.Join(t.TempDir(), "missing"))
	require.Error(t, err)

	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge"))
	require.NoError(t, err)
	require.NoError(t, f.Truncate(MaxFileBytes+1)) // sparse
	require.NoError(t, f.Close())
	_, err = Load(dir)
	require.ErrorIs(t, err, ErrTooLarge)
}

// TestSplitBackup parses each hand-written backup with the platform's
// parser and checks the facts the audit needs.
func TestSplitBackup(t *testing.T) {
	tests := []struct {
		file, kind, platform, rommon, image, confreg string
		boot                                         []string
	}{
		{"rancid-c3750x.txt", "rancid", "cisco_ios", "12.2(58r)SE", "flash:c3750e-universalk9-mz.150-2.SE11.bin", "0xF",
			[]string{"flash:c3750e-universalk9-mz.150-2.SE11.bin"}},
		{"oxidized-isr.txt", "oxidized", "cisco_ios", "15.0(1r)M15", "flash0:c2900-universalk9-mz.SPA.157-3.M2.bin", "0x2102",
			[]string{"flash0:c2900-universalk9-mz.SPA.157-3.M2.bin"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tc.file))
			require.NoError(t, err)
			out, kind := SplitBackup(string(b))
			require.Equal(t, tc.kind, kind)
			got, ok := platform.Detect(out["show version"])
			require.True(t, ok)
			require.Equal(t, tc.platform, got)
			f, err := platform.CiscoIOS.Parse(out)
			require.NoError(t, err)
			require.Equal(t, tc.rommon, f.ROMMON[0].Version)
			require.Equal(t, tc.image, f.Image)
			require.Equal(t, tc.confreg, f.Boot.ConfigRegister)
			require.Equal(t, tc.boot, f.Boot.System)
		})
	}
}

func FuzzSplitBackup(f *testing.F) {
	for _, p := range []string{"testdata/rancid-c3750x.txt", "testdata/oxidized-isr.txt"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, _ := SplitBackup(in)
		if len(out["show version"]) > 2*len(in)+64 {
			t.Fatalf("show version grew from %d to %d bytes", len(in), len(out["show version"]))
		}
		_, _ = platform.CiscoIOS.Parse(out)
	})
}
