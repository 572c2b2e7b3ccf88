package lab_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
)

// TestOnBoxHashes runs each platform's hash command on the lab and parses
// the answer with the platform parser: the digest is that of the file the
// lab serves.
func TestOnBoxHashes(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	const nxos, eos, junos = "nxos64-cs.10.3.6.M.bin", "EOS-4.28.3M.swi", "junos-install-mx-x86-64-21.4R3-S3.4.tgz"
	tests := []struct {
		name, device, cmd string
		parse             func(string) (facts.ImageHash, error)
		want              facts.ImageHash
	}{
		{"nxos-show-file-sha512sum", "dc1-leaf-nx-01", platform.NXOSShowFileSHA512("bootflash:" + nxos),
			func(s string) (facts.ImageHash, error) { return platform.ParseNXOSFileSHA512("bootflash:"+nxos, s) },
			facts.ImageHash{File: "bootflash:" + nxos, SHA512: lab.ImageSHA512(nxos, 3145728), Source: facts.SourceDevice}},
		{"eos-verify-sha512", "dc1-spine-eos-01", "verify /sha512 flash:/" + eos, platform.ParseIOSXEVerify,
			facts.ImageHash{File: "flash:" + eos, SHA512: lab.ImageSHA512(eos, 2097152), Source: facts.SourceDevice}},
		{"junos-file-checksum-sha256", "ams-edge-mx-01", platform.JunosChecksumCmd + "/var/tmp/" + junos, platform.ParseJunosChecksum,
			facts.ImageHash{File: "/var/tmp/" + junos, SHA256: lab.ImageSHA256(junos, 2097152), Source: facts.SourceDevice}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := dial(t, l.Device(tc.device)).NewSession()
			require.NoError(t, err)
			var out bytes.Buffer
			s.Stdout = &out
			require.NoError(t, s.Run(tc.cmd))
			got, err := tc.parse(strings.ReplaceAll(out.String(), "\r\n", "\n"))
			require.NoError(t, err, out.String())
			require.Equal(t, tc.want, got)
		})
	}
}

func TestImageSHA256(t *testing.T) {
	b, err := io.ReadAll(lab.ImageBytes("x.tgz", 1000))
	require.NoError(t, err)
	sum := sha256.Sum256(b)
	require.Equal(t, hex.EncodeToString(sum[:]), lab.ImageSHA256("x.tgz", 1000))
}

func TestNXOSShowModuleParses(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	s, err := dial(t, l.Device("dc1-leaf-nx-01")).NewSession()
	require.NoError(t, err)
	var out bytes.Buffer
	s.Stdout = &out
	require.NoError(t, s.Run("show module"))
	m, err := platform.ParseNXOSShowModule(strings.ReplaceAll(out.String(), "\r\n", "\n"))
	require.NoError(t, err)
	sup, ok := m.ActiveSupervisor()
	require.True(t, ok)
	require.Equal(t, platform.NXOSModule{Module: "1", Ports: "54", Type: "48x10/25G + 6x40/100G Ethernet Module",
		Model: "N9K-C93180YC-FX", Status: "active *", Sw: "10.3(6)", Hw: "1.1", Slot: "NA", Serial: "FDO23490570"}, sup)
}
