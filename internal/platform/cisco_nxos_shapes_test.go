package platform

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNXOSModelFromProductIDLine: `cisco N9K-C9396PX ("supervisor")` (corpus
// cisco_nxos_show_version1.raw) and the issue #14 line `cisco
// N9K-C93180YC-EX ("supervisor")` name the product ID, which is the model
// (baselines name N9K-C93180YC-FX; show inventory gives the same PID). The
// ntc "platform" word (the part after the last '-') is kept in Platform.
// Expected values are hand-written.
func TestNXOSModelFromProductIDLine(t *testing.T) {
	b, err := os.ReadFile("testdata/corpus/cisco_nxos/show_version/cisco_nxos_show_version1.raw")
	require.NoError(t, err)
	in := string(b)
	require.Contains(t, in, `cisco N9K-C9396PX ("supervisor")`)
	for line, want := range map[string]string{
		`cisco N9K-C9396PX ("supervisor")`:     "N9K-C9396PX",
		`cisco N9K-C93180YC-EX ("supervisor")`: "N9K-C93180YC-EX",
	} {
		t.Run(want, func(t *testing.T) {
			f, err := parseNXOS(Outputs{NXOSShowVersion: strings.Replace(in, `cisco N9K-C9396PX ("supervisor")`, line, 1)})
			require.NoError(t, err)
			require.Equal(t, want, f.Model)
		})
	}
	f, err := parseNXOS(Outputs{NXOSShowVersion: "Cisco Nexus Operating System (NX-OS) Software\n  NXOS: version 9.3(7a)\n  cisco Nexus9000 C9396PX Chassis\n"})
	require.NoError(t, err)
	require.Equal(t, "C9396PX", f.Model, "the chassis-word form is unchanged")
}
