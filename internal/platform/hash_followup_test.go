package platform

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

func TestHashFollowUps(t *testing.T) {
	tests := []struct {
		name string
		p    Platform
		in   facts.Facts
		want []string
	}{
		{"nxos-image-and-boot-deduplicated", CiscoNXOS,
			facts.Facts{Image: "bootflash:///nxos64-cs.10.3.6.M.bin", Boot: facts.BootConfig{System: []string{"bootflash:/nxos64-cs.10.3.6.M.bin", "bootflash:/n9000-epld.bin"}}},
			[]string{"show file bootflash:nxos64-cs.10.3.6.M.bin sha512sum", "show file bootflash:n9000-epld.bin sha512sum"}},
		{"nxos-hostile-boot-variable", CiscoNXOS,
			facts.Facts{Boot: facts.BootConfig{System: []string{"bootflash:/x.bin | redirect tftp://h/x", "tftp://h/x.bin"}}}, nil},
		{"eos-boot-config-image", aristaEOS,
			facts.Facts{Boot: facts.BootConfig{System: []string{"flash:/EOS-4.28.3M.swi"}}},
			[]string{"verify /sha512 flash:/EOS-4.28.3M.swi"}},
		{"junos-installed-package", JuniperJunos,
			facts.Facts{Image: "/var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz"},
			[]string{"file checksum sha-256 /var/tmp/junos-install-mx-x86-64-21.4R3-S3.4.tgz"}},
		{"junos-package-unknown", JuniperJunos, facts.Facts{Files: []facts.File{{Name: "/var/tmp/x.tgz"}}}, nil},
		{"junos-hostile-path", JuniperJunos,
			facts.Facts{Image: "/var/tmp/x.tgz; request system reboot", Boot: facts.BootConfig{System: []string{"/var/../etc/passwd", "var/tmp/x"}}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, tc.p.FollowUp(tc.in))
		})
	}
}

func TestParseNXOSMergesModuleAndHashes(t *testing.T) {
	hex := strings.Repeat("ab", 64)
	module := "Mod Ports Module-Type Model Status\n--- ----- ----------- ----- ------\n" +
		"1   54    48x25G      N9K-C93180YC-FX active *\n\nMod MAC Serial-Num\n--- --- ----------\n1   NA  FDO1\n"
	version := "Software\n  NXOS: version 10.3(6)\nHardware\n  cisco Nexus9000 C93180YC-FX Chassis\n  Processor Board ID SAL1\n"
	inventory := "NAME: \"Chassis\",  DESCR: \"Nexus9000 C93180YC-FX Chassis\"\nPID: N9K-C93180YC-FX    ,  VID: V02 ,  SN: FDO2\n"
	tests := []struct {
		name        string
		out         Outputs
		model, sn   string
		wantHashes  []facts.ImageHash
		wantErrPart string
	}{
		{"module-when-no-inventory", Outputs{NXOSShowVersion: version, NXOSShowModule: module}, "N9K-C93180YC-FX", "FDO1", nil, ""},
		{"inventory-wins", Outputs{NXOSShowVersion: version, NXOSShowModule: module, NXOSShowInventory: inventory}, "N9K-C93180YC-FX", "FDO2", nil, ""},
		{"modular-supervisor-is-not-the-chassis",
			Outputs{NXOSShowVersion: "Software\n  NXOS: version 10.3(6)\nHardware\n  cisco Nexus9000 C9504 (4 Slot) Chassis (\"Supervisor Module\")\n  Processor Board ID SAL1\n",
				NXOSShowModule: strings.ReplaceAll(module, "N9K-C93180YC-FX", "N9K-SUP-A      ")}, "C9504", "SAL1", nil, ""},
		{"hashes", Outputs{NXOSShowFileSHA512("bootflash:a.bin"): hex + "\n", NXOSShowFileSHA512("bootflash:b.bin"): "No such file or directory\n"},
			"", "", []facts.ImageHash{{File: "bootflash:a.bin", SHA512: hex, Source: facts.SourceDevice}}, "No such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parseNXOS(tc.out)
			if tc.wantErrPart == "" {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, ErrVerify)
				require.Contains(t, err.Error(), tc.wantErrPart)
			}
			require.Equal(t, tc.model, f.Model)
			require.Equal(t, tc.sn, f.Serial)
			require.Equal(t, tc.wantHashes, f.ImageHashes)
		})
	}
}

func TestParseEOSAndJunosHashes(t *testing.T) {
	h512, h256 := strings.Repeat("cd", 64), strings.Repeat("ef", 32)
	eos, err := parseEOS(Outputs{"verify /sha512 flash:/EOS.swi": "....Done!\nverify /sha512 (flash:/EOS.swi) = " + h512 + "\n"})
	require.NoError(t, err)
	require.Equal(t, []facts.ImageHash{{File: "flash:/EOS.swi", SHA512: h512, Source: facts.SourceDevice}}, eos.ImageHashes)

	junos, err := parseJunos(Outputs{
		JunosChecksumCmd + "/var/tmp/a.tgz": "SHA256 (/var/tmp/a.tgz) = " + h256 + "\n",
		JunosChecksumCmd + "/var/tmp/b.tgz": "SHA256 (/var/tmp/other.tgz) = " + h256 + "\n",
	})
	require.ErrorIs(t, err, ErrVerify)
	require.Contains(t, err.Error(), `result names "/var/tmp/other.tgz", asked for "/var/tmp/b.tgz"`)
	require.Equal(t, []facts.ImageHash{{File: "/var/tmp/a.tgz", SHA256: h256, Source: facts.SourceDevice}}, junos.ImageHashes)
}
