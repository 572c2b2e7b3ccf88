package platform

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// corpusSkip lists corpus cases whose expected values are known to be wrong,
// with the reason. Empty: every cisco_ios case we use is checked.
var corpusSkip = map[string]string{}

// ntcRecord is one parsed_sample entry; values are strings or lists of strings.
type ntcRecord map[string]any

func (r ntcRecord) str(key string) string {
	s, _ := r[key].(string)
	return s
}

func (r ntcRecord) first(key string) string {
	l, _ := r[key].([]any)
	if len(l) == 0 {
		return ""
	}
	s, _ := l[0].(string)
	return s
}

func loadCorpusCase(t *testing.T, raw string) (string, []ntcRecord) {
	t.Helper()
	in, err := os.ReadFile(raw)
	require.NoError(t, err)
	js, err := os.ReadFile(strings.TrimSuffix(raw, ".raw") + ".json")
	require.NoError(t, err)
	var doc struct {
		ParsedSample []ntcRecord `json:"parsed_sample"`
	}
	require.NoError(t, json.Unmarshal(js, &doc))
	require.NotEmpty(t, doc.ParsedSample)
	return string(in), doc.ParsedSample
}

func TestCorpusCiscoIOS(t *testing.T) {
	raws, err := filepath.Glob("testdata/corpus/cisco_ios/*/*.raw")
	require.NoError(t, err)
	require.Len(t, raws, 24, "corpus files went missing")
	for _, raw := range raws {
		name := filepath.Base(raw)
		t.Run(strings.TrimSuffix(name, ".raw"), func(t *testing.T) {
			if why, ok := corpusSkip[name]; ok {
				t.Skip(why)
			}
			in, want := loadCorpusCase(t, raw)
			switch filepath.Base(filepath.Dir(raw)) {
			case "show_version":
				checkCorpusShowVersion(t, in, want[0])
			case "show_boot":
				checkCorpusShowBoot(t, in, want[0])
			case "dir":
				checkCorpusDir(t, in, want)
			case "show_platform":
				checkCorpusShowPlatform(t, in, want)
			case "show_inventory":
				checkCorpusInventory(t, in, want)
			case "show_module":
				checkCorpusShowModule(t, name, in, want)
			default:
				t.Fatalf("no check for %s", raw)
			}
		})
	}
}

func checkCorpusShowVersion(t *testing.T, in string, want ntcRecord) {
	v, err := parseIOSXEShowVersion(in)
	require.NoError(t, err)
	require.Equal(t, want.str("hostname"), v.Hostname, "hostname")
	require.Equal(t, want.str("version"), v.IOSVersion, "version")
	require.Equal(t, want.str("rommon"), firstToken(v.ROM), "rommon is the first word of the ROM line")
	_, img, _ := strings.Cut(v.Image, ":")
	require.Equal(t, want.str("running_image"), img, "running_image without prefix")
	require.Equal(t, want.str("uptime"), v.Uptime, "uptime text")
	require.Equal(t, ntcUptimeSeconds(t, want), v.UptimeSeconds, "uptime seconds")
	require.Contains(t, []string{v.LastReloadReason, v.ReturnedToROMBy}, want.str("reload_reason"), "reload reason")
	require.Equal(t, want.str("config_register"), v.ConfigRegister, "config register")
	require.Equal(t, want.first("serial"), v.Serial, "serial[0]")
	require.Equal(t, want.first("hardware"), v.Model, "hardware[0]")
}

func ntcUptimeSeconds(t *testing.T, r ntcRecord) int64 {
	var total int64
	for key, unit := range map[string]int64{"uptime_years": 365 * 86400, "uptime_weeks": 7 * 86400,
		"uptime_days": 86400, "uptime_hours": 3600, "uptime_minutes": 60} {
		if s := r.str(key); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			require.NoError(t, err)
			total += n * unit
		}
	}
	require.Positive(t, total)
	return total
}

func checkCorpusShowBoot(t *testing.T, in string, want ntcRecord) {
	bc, err := parseIOSXEBootvar(in)
	require.NoError(t, err)
	require.Equal(t, []string{want.str("boot_path")}, bc.System)
}

func checkCorpusDir(t *testing.T, in string, want []ntcRecord) {
	d, err := parseIOSXEDir(in)
	require.NoError(t, err)
	require.Equal(t, atoi64(want[0].str("total_size")), d.TotalBytes)
	require.Equal(t, atoi64(want[0].str("total_free")), d.FreeBytes)
	var wantEntries []dirEntry
	for _, r := range want {
		if r.str("name") == "" {
			continue
		}
		prefix := strings.TrimSuffix(r.str("file_system"), "/")
		wantEntries = append(wantEntries, dirEntry{
			Name:  prefix + r.str("name"),
			Size:  atoi64(r.str("size")),
			Perms: strings.Join(strings.Fields(r.str("permissions")), " "),
			IsDir: strings.HasPrefix(r.str("permissions"), "d"),
		})
	}
	require.Equal(t, wantEntries, d.Entries)
}

func checkCorpusShowPlatform(t *testing.T, in string, want []ntcRecord) {
	p, err := parseIOSXEShowPlatform(in)
	require.NoError(t, err)
	var wantRows []stackSwitchRow
	for _, r := range want {
		wantRows = append(wantRows, stackSwitchRow{Switch: r.str("index"), Model: r.str("model"),
			Serial: r.str("serial"), SWVersion: r.str("software_version")})
	}
	require.Equal(t, wantRows, p.Switches)
}

// catModuleFwNotInNTC are the Fw values ntc-templates leaves empty (its
// template does not read the Catalyst 4500 " M MAC addresses" table); the
// values are hand-read from the .raw files.
var catModuleFwNotInNTC = map[string]map[string]string{
	"cisco_ios_show_module2.raw":   {"/5": "15.0(1r)SG5", "/6": "15.0(1r)SG5"},
	"cisco_ios_show_module3.raw":   {"/6": "15.0(1r)SG5"},
	"cisco_ios_show_module_02.raw": {"2/3": "15.0(1r)SG5"},
}

func checkCorpusShowModule(t *testing.T, name, in string, want []ntcRecord) {
	m, err := ParseIOSShowModule(in)
	require.NoError(t, err)
	byKey := map[string]CatModule{}
	for _, x := range m.Modules {
		byKey[x.Switch+"/"+x.Module] = x
	}
	for _, w := range want {
		key := w.str("switch_number") + "/" + w.str("module")
		x, ok := byKey[key]
		require.True(t, ok, "module %s", key)
		if w.str("model") != "" && w.str("serial") != "" { // ntc's card row (one record in _01 is a parse artefact: model "Module", no serial)
			require.Equal(t, w.str("model"), x.Model, key)
			require.Equal(t, w.str("serial"), x.Serial, key)
			require.Equal(t, w.str("port"), x.Ports, key)
		}
		for field, got := range map[string]string{"mod_fw": x.Fw, "mod_sw": x.Sw, "mod_hw": x.Hw, "status": x.Status} {
			if w.str(field) != "" {
				require.Equal(t, w.str(field), got, "%s %s", key, field)
			}
		}
		if fw, ok := catModuleFwNotInNTC[name][key]; ok {
			require.Equal(t, fw, x.Fw, "%s fw (hand-read)", key)
		}
	}
}
