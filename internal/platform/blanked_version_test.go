package platform_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/platform"
)

// TestParseNXOSShowVersion_BlankedBIOS: a device that blanks its BIOS
// number ("BIOS: version") reports no BIOS, not the word "version", so the
// gap is FACT-001's (withheld) and not a made-up version. Hand-written
// input, shaped as the lab prints it.
func TestParseNXOSShowVersion_BlankedBIOS(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"  BIOS: version \n", ""},
		{"  BIOS: version 07.71\n", "07.71"},
	} {
		v, err := platform.ParseNXOSShowVersion("Software\n" + tc.line + "  NXOS: version 10.3(6) [Maintenance Release]\n")
		require.NoError(t, err)
		require.Equal(t, tc.want, v.BIOS, tc.line)
	}
}

// TestParseJunosFirmware_BlankedVersion: "Juniper ROM Monitor Version"
// with the number blanked gives no boot-firmware row, not the words as a
// version. Hand-written input in the documented column layout.
func TestParseJunosFirmware_BlankedVersion(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Juniper ROM Monitor Version", ""},
		{"Juniper ROM Monitor Version 13.1b24", "13.1b24"},
	} {
		fw, err := platform.ParseJunosFirmware("Part                     Type       Version\nRouting Engine 0         ROM        " + tc.text + "\n")
		require.NoError(t, err)
		require.Len(t, fw.Rows, 1)
		require.Equal(t, tc.want, fw.Rows[0].Version, tc.text)
	}
}
