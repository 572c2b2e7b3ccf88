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
	b, err := os.ReadFile("testdata/rancid/configs/stud-adsl")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "acc-sw-01.example.net"), b, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "acc-sw-02.cfg"), b, 0o600))
	// Oxidized's repository layout: group/device, with its .git skipped.
	group := filepath.Join(dir, "core")
	require.NoError(t, os.MkdirAll(filepath.Join(group, ".git"), 0o700))
	ox, err := os.ReadFile("testdata/oxidized/nxos/N9K1")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(group, "N9K1"), ox, 0o600))

	devs, err := Load(dir)
	require.NoError(t, err)
	var names []string
	for _, d := range devs {
		names = append(names, d.Name+"="+d.Backup)
	}
	require.Equal(t, []string{"N9K1=oxidized-nxos", "acc-sw-01.example.net=rancid", "acc-sw-02=rancid", "nx-1="}, names,
		"an FQDN keeps its last label; the group folder is not a device")
	require.Equal(t, platform.Outputs{"show version": "NXOS: version 9.3(15)\n", "verify /sha512 bootflash:x.bin": "x"}, devs[3].Outputs)

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

// backupFixtures are the backup files of testdata, written as RANCID and
// Oxidized write them (testdata/README.md).
var backupFixtures = []string{"oxidized/ios/stud-adsl", "oxidized/ios/c9500-core", "oxidized/nxos/N9K1",
	"oxidized/junos/asxx.xx.xx", "rancid/configs/stud-adsl", "rancid/configs/c9500-core"}

// TestParseBackup parses each backup with the platform detected from it
// and checks the facts the audit needs. Expected values are hand-written
// from the raw outputs the fixtures were made from; "" is a fact the format
// drops (and Unkept then names it).
func TestParseBackup(t *testing.T) {
	tests := []struct {
		file, kind, platform, model, serial, version, rommon, image, confreg string
		boot                                                                 []string
	}{
		{"oxidized/ios/stud-adsl", KindOxidizedIOS, "cisco_ios", "1801", "FHK102KKKKK", "12.4(6)T2", "12.3(8r)YH6",
			"flash:/c180x-advipservicesk9-mz.124-6.T2.bin", "", []string{"flash:/c180x-advipservicesk9-mz.124-6.T2.bin"}},
		{"oxidized/ios/c9500-core", KindOxidizedIOS, "cisco_iosxe", "C9500-40X", "FCW2233FFG3", "16.09.03", "",
			"flash:packages.conf", "", []string{"flash:packages.conf"}},
		{"oxidized/nxos/N9K1", KindOxidizedNXOS, "cisco_nxos", "N9K-C9396PX", "SAL1819S6LU", "6.1(2)I3(1)", "07.15",
			"bootflash:///n9000-dk9.6.1.2.I3.1.bin", "", nil},
		{"oxidized/junos/asxx.xx.xx", KindOxidizedJunos, "juniper_junos", "qfx5100-48t-6q", "XXXXXXXX0000", "21.4R3-S3.4", "", "", "", nil},
		{"rancid/configs/stud-adsl", KindRANCID, "cisco_ios", "1801", "FHK102KKKKK", "12.4(6)T2", "12.3(8r)YH6",
			"flash:/c180x-advipservicesk9-mz.124-6.T2.bin", "0x2102", []string{"flash:/c180x-advipservicesk9-mz.124-6.T2.bin"}},
		{"rancid/configs/c9500-core", KindRANCID, "cisco_iosxe", "C9500-40X", "FCW2233FFG3", "16.9.3", "16.9.1r",
			"flash:packages.conf", "0x102", []string{"flash:packages.conf"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tc.file))
			require.NoError(t, err)
			bk := ParseBackup(string(b))
			require.Equal(t, tc.kind, bk.Kind)
			name, ok := platform.Detect(bk.Outputs["show version"])
			require.True(t, ok)
			require.Equal(t, tc.platform, name)
			p, err := platform.Lookup(name)
			require.NoError(t, err)
			f, err := p.Parse(bk.Outputs)
			require.NoError(t, err)
			require.Equal(t, tc.model, f.Model)
			require.Equal(t, tc.serial, f.Serial)
			require.Equal(t, tc.version, f.OSVersion)
			if tc.rommon == "" {
				require.Empty(t, f.ROMMON)
				require.NotEmpty(t, bk.Unkept[FactROMMON])
			} else {
				require.NotEmpty(t, f.ROMMON)
				require.Contains(t, f.ROMMON[0].Version, tc.rommon)
			}
			require.Equal(t, tc.image, f.Image)
			require.Equal(t, tc.confreg, f.Boot.ConfigRegister)
			require.Equal(t, tc.boot, f.Boot.System)
		})
	}
}

func FuzzParseBackup(f *testing.F) {
	for _, p := range backupFixtures {
		b, err := os.ReadFile(filepath.Join("testdata", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, in string) {
		bk := ParseBackup(in)
		total := 0
		for _, o := range bk.Outputs {
			total += len(o)
		}
		if total > 2*len(in)+256 {
			t.Fatalf("outputs grew from %d to %d bytes", len(in), total)
		}
		for _, p := range []platform.Platform{platform.CiscoIOS, platform.CiscoIOSXE, platform.CiscoNXOS, platform.JuniperJunos} {
			_, _ = p.Parse(bk.Outputs)
		}
	})
}

// TestParseBackupNXOSWithoutBanner: an NX-OS show version saved without its
// banner line (older releases print kickstart/system versions) is still
// read as the nxos model's (hand-written minimal input, shape of
// ntc-templates cisco_nxos_show_version2.raw).
func TestParseBackupNXOSWithoutBanner(t *testing.T) {
	b := ParseBackup("! Software\n!   BIOS:      version 3.6.0\n!   kickstart: version 5.2(1)N1(4)\n!   system:    version 5.2(1)N1(4)\nversion 5.2(1)N1(4)\n")
	require.Equal(t, KindOxidizedNXOS, b.Kind)
	require.Contains(t, b.Outputs["show version"], "  kickstart: version 5.2(1)N1(4)\n")
}

// TestParseBackupOtherRANCIDTypes: RANCID types other than cisco are not
// read (hand-written headers as RANCID's init writes them), so their
// devices are judged on nothing, never clean.
func TestParseBackupOtherRANCIDTypes(t *testing.T) {
	for _, head := range []string{"!RANCID-CONTENT-TYPE: cisco-nx\n!\n", "#RANCID-CONTENT-TYPE: juniper\n#\n", "!RANCID-CONTENT-TYPE: arista\n!\n"} {
		b := ParseBackup(head + "!Image: Software: X, 1.0\nversion 1\n")
		require.Equal(t, KindRANCID, b.Kind, head)
		require.Empty(t, b.Outputs, head)
	}
}
