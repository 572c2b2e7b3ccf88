package platform

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCorpusCiscoASA checks every cisco_asa corpus case against its
// ntc-templates expected parse, compared per the corpus README: version as
// printed (ASA notation), image with its prefix, hardware text, serial (the
// first of the list), uptime text, hostname, the ASAv Model Id; show
// module's columns per module, with mod_fw of module 0/1 the ROMMON;
// inventory rows; dir entries and totals; show logging messages.
func TestCorpusCiscoASA(t *testing.T) {
	runCorpus(t, "cisco_asa", 18, map[string]func(*testing.T, string, []ntcRecord){
		"show_version": func(t *testing.T, in string, want []ntcRecord) {
			v, err := ParseASAShowVersion(in)
			require.NoError(t, err)
			w := want[0]
			require.Equal(t, w.str("version"), v.VersionRaw, "version as printed")
			require.Equal(t, NormalizeASAVersion(w.str("version")), v.Version)
			require.Equal(t, w.str("device_mgr_version"), v.DeviceManager)
			require.Equal(t, w.str("compile_date"), v.CompileDate)
			require.Equal(t, w.str("image"), v.Image)
			require.Equal(t, w.str("hostname"), v.Hostname)
			require.Equal(t, w.str("uptime"), v.Uptime)
			require.Positive(t, v.UptimeSeconds)
			require.Equal(t, w.str("hardware"), v.Hardware)
			require.Equal(t, w.str("model"), v.ModelID, "ntc model is the ASAv Model Id")
			require.Equal(t, w.first("serial"), v.Serial)
			require.Equal(t, w.str("last_mod"), v.LastModified)
			fa, err := ParseASA(Outputs{ASAShowVersion: in})
			require.NoError(t, err)
			require.Equal(t, w.str("version"), nonEmpty(fa.OSVersionRaw, fa.OSVersion))
			require.Equal(t, w.str("image"), fa.Image)
		},
		"show_module": func(t *testing.T, in string, want []ntcRecord) {
			m, err := ParseASAShowModule(in)
			require.NoError(t, err)
			require.Len(t, m.Modules, len(want))
			for i, w := range want {
				got := m.Modules[i]
				require.Equal(t, ASAModule{Module: w.str("module"), CardType: w.str("cardtype"), Model: w.str("model"),
					Serial: w.str("serial"), MAC: w.str("mac_address"), Hardware: w.str("mod_hw"), Firmware: w.str("mod_fw"),
					Software: w.str("mod_sw"), Status: w.str("status")}, got)
			}
			fa, err := ParseASA(Outputs{ASAShowModule: in})
			require.NoError(t, err)
			require.Equal(t, want[0].str("mod_fw"), fa.ROMMON[0].Version, "ROMMON is the system module's Fw Version")
			require.Equal(t, want[0].str("module"), fa.ROMMON[0].Name)
		},
		"show_inventory": checkCorpusInventory,
		"dir": func(t *testing.T, in string, want []ntcRecord) {
			d, err := ParseASADir(in)
			require.NoError(t, err)
			require.Len(t, d.Entries, len(want))
			for i, w := range want {
				e := d.Entries[i]
				require.Equal(t, w.str("file_system"), e.FileSystem)
				require.Equal(t, w.str("id"), e.ID)
				require.Equal(t, w.str("permissions"), e.Perms)
				require.Equal(t, atoi64(w.str("size")), e.Size)
				require.Equal(t, w.str("date_time"), e.DateTime)
				require.Equal(t, w.str("name"), e.Name)
			}
			last := want[len(want)-1]
			require.Equal(t, atoi64(last.str("total_size")), d.TotalBytes)
			require.Equal(t, atoi64(last.str("total_free")), d.FreeBytes)
			require.Equal(t, last.str("total_percent_free"), d.PercentFree)
		},
		"show_logging": func(t *testing.T, in string, want []ntcRecord) {
			l, err := ParseASALogging(in)
			require.NoError(t, err)
			require.Equal(t, "enabled", l.State.Syslog)
			require.Len(t, l.Messages, len(want))
			for i, w := range want {
				m := l.Messages[i]
				require.Equal(t, ASALogMessage{Month: w.str("month"), Day: w.str("day"), Year: w.str("year"), Time: w.str("time"),
					Hostname: w.str("hostname"), Facility: w.str("facility"), Severity: w.str("severity"), ID: w.str("mnemonic"),
					Text: w.first("message")}, m)
			}
		},
	})
}
