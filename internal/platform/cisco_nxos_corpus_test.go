package platform

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func (r ntcRecord) list(key string) []string {
	l, _ := r[key].([]any)
	out := make([]string, 0, len(l))
	for _, v := range l {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}

// corpusCase is one ntc-templates raw file and the check for its folder.
type corpusCase struct {
	raw   string
	check func(t *testing.T, in string, want []ntcRecord)
}

// runCorpus runs every raw file of platform's folders through its check and
// fails when the number of files changes (a silently lost case).
func runCorpus(t *testing.T, platform string, wantFiles int, checks map[string]func(*testing.T, string, []ntcRecord)) {
	t.Helper()
	raws, err := filepath.Glob(filepath.Join("testdata", "corpus", platform, "*", "*.raw"))
	require.NoError(t, err)
	require.Len(t, raws, wantFiles, "corpus files went missing or were added")
	for _, raw := range raws {
		check, ok := checks[filepath.Base(filepath.Dir(raw))]
		require.True(t, ok, "no check for %s", raw)
		t.Run(strings.TrimSuffix(filepath.Base(raw), ".raw"), func(t *testing.T) {
			in, want := loadCorpusCase(t, raw)
			check(t, in, want)
		})
	}
}

func TestCorpusCiscoNXOS(t *testing.T) {
	runCorpus(t, "cisco_nxos", 18, map[string]func(*testing.T, string, []ntcRecord){
		"show_version": func(t *testing.T, in string, want []ntcRecord) {
			v, err := ParseNXOSShowVersion(in)
			require.NoError(t, err)
			w := want[0]
			require.Equal(t, w.str("bios"), v.BIOS, "bios")
			require.Equal(t, w.str("os"), v.OSVersionText, "os as printed")
			base, _, _ := strings.Cut(w.str("os"), " [")
			require.Equal(t, base, v.OSVersion, "os without suffix")
			require.Equal(t, w.str("boot_image"), nonEmpty(v.Kickstart, v.Image), "boot_image: kickstart, else NXOS image")
			require.Equal(t, w.str("hostname"), v.Hostname)
			require.Equal(t, w.str("platform"), v.Platform)
			require.Equal(t, w.str("serial"), v.Serial)
			require.Equal(t, w.str("uptime"), v.Uptime)
			require.Positive(t, v.UptimeSeconds)
			require.Equal(t, w.str("last_reboot_reason"), v.ResetReason)
			fa, err := parseNXOS(Outputs{NXOSShowVersion: in})
			require.NoError(t, err)
			require.Equal(t, w.str("bios"), fa.ROMMON[0].Version, "facts ROMMON is the BIOS")
		},
		"show_inventory": checkCorpusInventory,
		"show_module":    checkCorpusNXOSModule, // cisco_nxos_module_test.go
		"dir": func(t *testing.T, in string, want []ntcRecord) {
			d, err := parseNXOSDir(in)
			require.NoError(t, err)
			require.Len(t, d.Entries, len(want))
			for i, w := range want {
				require.Equal(t, "bootflash:"+w.str("item_name"), d.Entries[i].Name)
				require.Equal(t, atoi64(w.str("size")), d.Entries[i].Size)
			}
			last := want[len(want)-1]
			require.Equal(t, atoi64(last.str("total_size")), d.TotalBytes)
			require.Equal(t, atoi64(last.str("total_free")), d.FreeBytes)
		},
	})
}

func checkCorpusInventory(t *testing.T, in string, want []ntcRecord) {
	inv, err := ParseCiscoInventory(in)
	require.NoError(t, err)
	var got []inventoryItem
	for _, w := range want {
		got = append(got, inventoryItem{Name: w.str("name"), Descr: w.str("descr"), PID: w.str("pid"),
			VID: w.str("vid"), SN: w.str("sn")})
	}
	require.Equal(t, got, inv.Items)
}
