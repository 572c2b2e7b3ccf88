package platform

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

func TestNormalizeASAVersion(t *testing.T) {
	for raw, want := range map[string]string{
		"9.16(4)85": "9.16.4.85", "9.12(3)": "9.12.3", "2.10(1.3000)": "2.10.1.3000", "9.8(3.21)": "9.8.3.21",
		"8.4(2)": "8.4.2", "9.16.4.85": "9.16.4.85", "7.0.8": "7.0.8", "9.16(4)85a": "9.16(4)85a", "(4)85": "(4)85",
		"9.16((4)85": "9.16((4)85", "9.x(4)85": "9.x(4)85", "": "",
	} {
		require.Equal(t, want, NormalizeASAVersion(raw), raw)
	}
}

func TestASAFollowUp(t *testing.T) {
	f := facts.Facts{Image: "disk0:/asa9-16-4-85-lfbff-k8.SPA", Boot: facts.BootConfig{System: []string{
		"disk0:/asa9-16-4-85-lfbff-k8.SPA", "(hd0,1)/asa964-36-smp-k8.bin", "tftp://192.0.2.50/x.SPA",
		"disk0:/x.bin; reload", "boot:/asa952-204-smp-k8.bin", "bootflash:other.bin"}}}
	require.Equal(t, []string{"verify /sha-512 disk0:/asa9-16-4-85-lfbff-k8.SPA", "verify /sha-512 boot:/asa952-204-smp-k8.bin"}, ASAFollowUp(f))
}

// TestParseASAContext: the context read is "system" only after changeto
// system answered in multiple mode; a show version read in a user context
// says so.
func TestParseASAContext(t *testing.T) {
	f, err := ParseASA(Outputs{ASAShowMode: "Security context mode: multiple\n", ASAChangetoSystem: ""})
	require.NoError(t, err)
	require.Equal(t, "system", f.Firewall.Context)
	f, _ = ParseASA(Outputs{ASAShowMode: "Security context mode: multiple\n", ASAChangetoSystem: "ERROR: % Invalid input detected at '^' marker.\n"})
	require.Empty(t, f.Firewall.Context)
	f, _ = ParseASA(asaDevice(t, map[string]string{ASAShowVersion: "corpus/cisco_asa/show_version/cisco_asa_show_version2.raw"}))
	require.Equal(t, "user context", f.Firewall.Context)
	require.Equal(t, "2.4.1.103", f.Firewall.FXOSVersion)
}

// TestParseASAIndicatorsReadOrNot: an indicator command that answered with
// nothing is read and clean; one that was not sent, or was rejected, is not
// read (fail closed).
func TestParseASAIndicatorsReadOrNot(t *testing.T) {
	f, err := ParseASA(Outputs{ASAKernelLinaCS: "", ASAMemRegionLina: ""})
	require.NoError(t, err)
	require.True(t, f.Firewall.Runtime.ProcessesRead)
	require.True(t, f.Firewall.Runtime.RegionsRead)
	require.False(t, f.Firewall.Runtime.PatternRead)
	f, _ = ParseASA(Outputs{ASAKernelLinaCS: "ERROR: % Invalid input detected at '^' marker.\n"})
	require.False(t, f.Firewall.Runtime.ProcessesRead)
	_, err = ParseASA(Outputs{ASAKernelLinaCS: "PID PPID PRI NI VSIZE RSS WCHAN STAT RUNTIME GTIME CGTIME COMMAND\n1 0 20 0 1 1 1 S 1 0 0 init\n"})
	require.ErrorIs(t, err, ErrUnrecognized, "an unfiltered process list is not taken as clean")
}

// TestParseASATextFallback: system:/text failing and system:memory/text
// answering gives the hash and no error.
func TestParseASATextFallback(t *testing.T) {
	out := asaDevice(t, map[string]string{ASAVerifyText: "verify-sha-512-error.txt", ASAVerifyTextMemory: "verify-sha-512-next-line-space.txt"})
	f, err := ParseASA(out)
	require.NoError(t, err)
	require.Equal(t, "system:memory/text", f.Firewall.Runtime.TextPath)
	delete(out, ASAVerifyTextMemory)
	f, err = ParseASA(out)
	require.ErrorIs(t, err, ErrVerify)
	require.Empty(t, f.Firewall.Runtime.TextSHA512)
}

// TestHostileASAOutputsBounded: a megabyte line and a flood of entries stay
// bounded and safe.
func TestHostileASAOutputsBounded(t *testing.T) {
	long := strings.Repeat("A", 1<<20)
	v, _ := ParseASAShowVersion("Cisco Adaptive Security Appliance Software Version 9.16(4)85\nHardware:   " + long + "\n")
	require.LessOrEqual(t, len(v.Hardware), 4096)
	var b strings.Builder
	for range 5000 {
		b.WriteString("55ab4e000000-55ab4e001000 r-xp 00000000 00:02 5247 /asa/bin/lina\n")
	}
	r, _ := ParseASAMemoryRegions(b.String())
	require.Len(t, r, maxComponents)
	b.Reset()
	for range 5000 {
		b.WriteString("1     -rwx  1    00:00:00 Jan 01 1980  \x1b[31mx.bin\n")
	}
	d, _ := ParseASADir(b.String())
	require.Len(t, d.Entries, maxFiles)
	require.NotContains(t, d.Entries[0].Name, "\x1b")
}

func BenchmarkParseASA(b *testing.B) {
	out := asaDevice(b, asaDevices["parse-asa5525-compromised"])
	b.ReportAllocs()
	for b.Loop() {
		_, _ = ParseASA(out)
	}
}

// TestParseASAShowModuleShiftedRows: a row whose values do not line up
// with its header's dashes is not torn at the column boundaries (issue
// 13: a blank Fw Version with the Sw Version shifted left into it gave the
// ROMMON "9.16("). Hand-written rows in the shape of the corpus's show
// module; expected values hand-written.
func TestParseASAShowModuleShiftedRows(t *testing.T) {
	const head = "Mod MAC Address Range                 Hw Version   Fw Version   Sw Version\n" +
		"--- --------------------------------- ------------ ------------ ---------------\n"
	for _, tc := range []struct {
		name, row string
		ok        bool
		fw, sw    string
	}{
		{"aligned", "  1 e4d3.f1d0.aaaa to e4d3.f1d0.bbbb  1.0          1.1.18       9.16(4)85", true, "1.1.18", "9.16(4)85"},
		{"blank firmware, aligned", "  1 e4d3.f1d0.aaaa to e4d3.f1d0.bbbb  1.0                       9.16(4)85", true, "", "9.16(4)85"},
		{"firmware removed, rest shifted left", "  1 e4d3.f1d0.aaaa to e4d3.f1d0.bbbb  1.0                9.16(4)85", false, "", ""},
		{"long hw version pushes the row right", "  1 e4d3.f1d0.aaaa to e4d3.f1d0.bbbb  1.0.0.123456789  1.1.18  9.16(4)85", true, "1.1.18", "9.16(4)85"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ParseASAShowModule(head + tc.row + "\n")
			if !tc.ok {
				require.ErrorIs(t, err, ErrUnrecognized, "a torn row gives no module: %+v", m)
				return
			}
			require.NoError(t, err)
			require.Len(t, m.Modules, 1)
			require.Equal(t, tc.fw, m.Modules[0].Firmware)
			require.Equal(t, tc.sw, m.Modules[0].Software)
		})
	}
}
