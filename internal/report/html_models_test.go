package report

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

// TestHTMLModelsApprovedAcrossChannels: a version both CLI and SNMP report
// is compared as the version itself, so an approved one is approved (the
// channel note "cli+snmp" is for the device table, not the comparison).
func TestHTMLModelsApprovedAcrossChannels(t *testing.T) {
	key := ModelKey{Platform: "cisco_iosxe", Pattern: "ISR43*"}
	both := []facts.Component{
		{Name: "R0", Version: "16.12(2r)", Source: facts.SourceCLI},
		{Name: "R0", Version: "16.12(2r)", Source: facts.SourceSNMP},
	}
	bad := []facts.Component{{Name: "R0", Version: "16.7(5r)", Source: facts.SourceCLI}, {Name: "R0", Version: "16.7(5r)", Source: facts.SourceSNMP}}
	r := Run{
		Approved: map[ModelKey][]string{key: {"16.12(2r)"}},
		Devices: []Device{
			{Name: "lon-wan-01", Platform: "cisco_iosxe", Baseline: "ISR43*", Facts: facts.Facts{ROMMON: both}},
			{Name: "lon-wan-02", Platform: "cisco_iosxe", Baseline: "ISR43*", Facts: facts.Facts{ROMMON: bad}},
		},
	}
	ms := htmlModels(r)
	require.Len(t, ms, 1)
	got := map[string]bool{}
	for _, v := range ms[0].Versions {
		got[v.Version] = v.Approved
	}
	require.Equal(t, map[string]bool{"16.12(2r)": true, "16.7(5r)": false}, got)
	require.Equal(t, "16.12(2r) cli+snmp", rommonCell(both), "the table still says which channel said what")
}
