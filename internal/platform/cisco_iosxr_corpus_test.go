package platform

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

func TestCorpusCiscoIOSXR(t *testing.T) {
	version := func(t *testing.T, in string, want []ntcRecord) {
		v, err := ParseIOSXRShowVersion(in)
		require.NoError(t, err)
		w := want[0]
		require.Equal(t, w.str("version"), v.Version)
		require.Equal(t, w.str("uptime"), v.Uptime)
		require.Positive(t, v.UptimeSeconds)
		if _, ok := w["hardware"]; ok {
			require.Equal(t, w.str("hardware"), v.Model)
			require.Equal(t, w.str("label"), v.Label)
		}
		if _, ok := w["boot_image"]; ok { // show version brief
			require.Equal(t, w.str("boot_image"), v.Image)
			require.Equal(t, w.str("hostname"), v.Hostname)
		}
	}
	runCorpus(t, "cisco_xr", 15, map[string]func(*testing.T, string, []ntcRecord){
		"show_version":         version,
		"show_version_brief":   version,
		"show_inventory":       checkCorpusInventory,
		"admin_show_inventory": checkCorpusInventory,
		"show_install_active": func(t *testing.T, in string, want []ntcRecord) {
			ia, err := parseIOSXRInstallActive(in)
			require.NoError(t, err)
			var got []xrInstallNode
			for _, w := range want {
				got = append(got, xrInstallNode{Node: w.str("node"), Type: w.str("node_type"),
					BootPartition: w.str("boot_partition"), BootDevice: w.str("boot_device"),
					BootImage: w.str("boot_image"), Packages: w.list("packages")})
			}
			for i := range ia.Nodes {
				ia.Nodes[i].BootPackage = "" // ntc does not capture the [Boot image] package
			}
			require.Equal(t, got, ia.Nodes)
		},
	})
}

// TestCorpusIOSXRROMLine checks the ROM: line of the two corpus outputs
// that have one; ntc-templates does not capture it, so the expected
// values are hand-written. "5.15(c) 1994-2012 by Cisco Systems" is the
// version 5.15 followed by the copyright sign, not a version "5.15(c)".
func TestCorpusIOSXRROMLine(t *testing.T) {
	for raw, want := range map[string]string{
		"show_version_brief/cisco_xr_show_version_brief.raw": "5.15",
		"show_version/cisco_xr_show_version_crs.raw":         "2.100(20100129:213223)",
	} {
		t.Run(raw, func(t *testing.T) {
			in, err := os.ReadFile("testdata/corpus/cisco_xr/" + raw)
			require.NoError(t, err)
			v, err := ParseIOSXRShowVersion(string(in))
			require.NoError(t, err)
			require.Equal(t, want, v.ROM)
			f, err := ParseIOSXR(Outputs{XRShowVersion: string(in)})
			require.NoError(t, err)
			require.Equal(t, []facts.Component{{Name: "RP", Version: want, Source: facts.SourceCLI, Origin: XRShowVersion}}, f.ROMMON)
		})
	}
}
