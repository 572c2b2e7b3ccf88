package platform

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCorpusAristaEOS(t *testing.T) {
	runCorpus(t, "arista_eos", 10, map[string]func(*testing.T, string, []ntcRecord){
		"show_version": func(t *testing.T, in string, want []ntcRecord) {
			v, err := parseEOSShowVersion(in)
			require.NoError(t, err)
			w := want[0]
			require.Equal(t, w.str("image"), v.Version, "ntc 'image' is the EOS version")
			require.Equal(t, w.str("model"), v.Model)
			require.Equal(t, w.str("serial_number"), v.Serial)
			require.Equal(t, w.str("hw_version"), v.HWVersion)
			require.Equal(t, w.str("sys_mac"), v.SystemMAC)
			require.Equal(t, w.str("uptime"), v.Uptime)
			require.Positive(t, v.UptimeSeconds)
		},
		"show_boot-config": func(t *testing.T, in string, want []ntcRecord) {
			bc, err := parseEOSBootConfig(in)
			require.NoError(t, err)
			require.Equal(t, want[0].str("version"), bc.SoftwareImage, "ntc 'version' is the boot image path")
			require.Equal(t, want[0].str("console"), bc.ConsoleSpeed)
			require.True(t, bc.AbootPassword)
			fa, err := parseEOS(Outputs{EOSShowBootConfig: in})
			require.NoError(t, err)
			require.Equal(t, []string{want[0].str("version")}, fa.Boot.System)
		},
		"dir": func(t *testing.T, in string, want []ntcRecord) {
			d, err := parseEOSDir(in)
			require.NoError(t, err)
			var got []dirEntry
			for _, w := range want {
				if w.str("name") == "" {
					continue
				}
				fs := w.str("file_system")
				if !strings.HasSuffix(fs, "/") {
					fs += "/"
				}
				got = append(got, dirEntry{Name: fs + w.str("name"), Size: atoi64(w.str("size")),
					Perms: w.str("permissions"), IsDir: strings.HasPrefix(w.str("permissions"), "d")})
			}
			require.Equal(t, got, d.Entries)
			require.Equal(t, atoi64(want[0].str("total_size")), d.TotalBytes)
			require.Equal(t, atoi64(want[0].str("total_free")), d.FreeBytes)
		},
	})
}
