package platform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// ftdShowVersion is the FTD forensic guide's show version (as quoted in the
// project's ASA reference, §2): it prints the ASA line too.
const ftdShowVersion = `-------------------[ firepower ]--------------------
Model                     : Cisco ASA5516-X Threat Defense (75) Version 7.0.8 (Build 174)
UUID                      : 204173a0-82ca-11f0-84a9-f2dbe0d05857
LSP version               : lsp-rel-20210503-2107
VDB version               : 338
----------------------------------------------------
Cisco Adaptive Security Appliance Software Version 9.16(4)125
SSP Operating System Version 2.10(1.4003)
`

// TestDetectUnassessed: an FTD is named unassessed with a reason (Detect
// alone would call it an ASA); real ASA outputs, including those that
// print "Firepower Extensible Operating System Version", are not.
func TestDetectUnassessed(t *testing.T) {
	u, ok := DetectUnassessed(ftdShowVersion)
	require.True(t, ok)
	require.Equal(t, "cisco_ftd", u.Name)
	require.Contains(t, u.Why, "not audited")
	name, _ := Detect(ftdShowVersion)
	require.Equal(t, "cisco_asa", name, "why the sweep asks DetectUnassessed first")

	paths := append(globT(t, "testdata/corpus/cisco_asa/show_version/*.raw"), globT(t, "testdata/cisco_asa/show-version-*.txt")...)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		_, ok := DetectUnassessed(string(b))
		require.False(t, ok, p)
	}
	_, ok = DetectUnassessedSNMP("Cisco Adaptive Security Appliance Version 9.16(4)85")
	require.False(t, ok)
	u, ok = DetectUnassessedSNMP("Cisco Firepower Threat Defense, Version 7.2.5 (Build 208)") // hand-written sysDescr shape
	require.True(t, ok)
	require.Equal(t, "cisco_ftd", u.Name)
	require.ElementsMatch(t, []string{"cisco_ftd", "cisco_fxos"}, AdvisoryOnly())
}

func globT(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	require.NoError(t, err)
	return m
}
