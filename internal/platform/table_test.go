package platform

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// pasteTransforms are what terminals, tickets and e-mail do to a saved
// table output (issue #14). Each keeps the device's text; the parse must
// not change.
var pasteTransforms = map[string]func(string) string{
	"indented":      func(s string) string { return prefixLines(s, "    ") },
	"double-spaced": func(s string) string { return strings.ReplaceAll(s, "\n", "\n\n") },
	"crlf":          func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
	"wrapped-80":    func(s string) string { return hardWrap(s, 80) },
	"wrapped-79":    func(s string) string { return hardWrap(s, 79) },
	"wrapped-then-indented": func(s string) string {
		return prefixLines(hardWrap(s, 80), "  ")
	},
}

func prefixLines(s, p string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = p + l
		}
	}
	return strings.Join(lines, "\n")
}

// hardWrap cuts every line longer than w into w-byte pieces, as a terminal
// of w columns does when its output is saved.
func hardWrap(s string, w int) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, "\r")
		for len(l) > w {
			b.WriteString(l[:w] + "\n")
			l = l[w:]
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}

func dropDashLines(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !isDashLine(l) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func tableInputs(t *testing.T, globs ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, g := range globs {
		paths, err := filepath.Glob(g)
		require.NoError(t, err)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			out[filepath.Base(p)] = string(b)
		}
	}
	require.NotEmpty(t, out)
	return out
}

// TestTablesSurvivePastes parses every real and fixture table output
// before and after each paste transform: the result must be the same (the
// untransformed parse is checked against the corpus's expected values in
// the corpus tests).
func TestTablesSurvivePastes(t *testing.T) {
	parsers := []struct {
		name  string
		globs []string
		parse func(string) (any, error)
		extra map[string]func(string) string
	}{
		{"nxos-show-module", []string{"testdata/corpus/cisco_nxos/show_module/*.raw"},
			func(s string) (any, error) { return ParseNXOSShowModule(s) },
			map[string]func(string) string{"dash-lines-lost": dropDashLines}},
		{"ios-show-module", []string{"testdata/corpus/cisco_ios/show_module/*.raw"},
			func(s string) (any, error) { return ParseIOSShowModule(s) }, nil},
		{"iosxe-show-platform", []string{"testdata/corpus/cisco_ios/show_platform/*.raw", "testdata/cisco_iosxe/show-platform-*.txt"},
			func(s string) (any, error) { return parseIOSXEShowPlatform(s) }, nil},
	}
	for _, p := range parsers {
		for name, in := range tableInputs(t, p.globs...) {
			want, err := p.parse(in)
			require.NoError(t, err, name)
			trs := maps.Clone(pasteTransforms)
			maps.Copy(trs, p.extra)
			for tname, tr := range trs {
				t.Run(p.name+"/"+name+"/"+tname, func(t *testing.T) {
					got, err := p.parse(tr(in))
					require.NoError(t, err)
					require.Equal(t, want, got)
				})
			}
		}
	}
}

// TestOutputsSurvivePastes does the same for the line-oriented parsers.
func TestOutputsSurvivePastes(t *testing.T) {
	parsers := []struct {
		name  string
		globs []string
		parse func(string) (any, error)
	}{
		{"iosxe-show-version", []string{"testdata/corpus/cisco_ios/show_version/*.raw", "testdata/cisco_iosxe/show-version-*.txt"},
			func(s string) (any, error) { return parseIOSXEShowVersion(s) }},
		{"iosxe-show-boot", []string{"testdata/corpus/cisco_ios/show_boot/*.raw", "testdata/cisco_iosxe/show-bootvar-*.txt"},
			func(s string) (any, error) { return parseIOSXEBootvar(s) }},
		{"cisco-show-inventory", []string{"testdata/corpus/*/*show_inventory/*.raw", "testdata/cisco_iosxe/show-inventory-*.txt"},
			func(s string) (any, error) { return ParseCiscoInventory(s) }},
		{"nxos-show-version", []string{"testdata/corpus/cisco_nxos/show_version/*.raw"},
			func(s string) (any, error) { return ParseNXOSShowVersion(s) }},
		{"xr-show-version", []string{"testdata/corpus/cisco_xr/show_version*/*.raw"},
			func(s string) (any, error) { return ParseIOSXRShowVersion(s) }},
		{"eos-show-version", []string{"testdata/corpus/arista_eos/show_version/*.raw"},
			func(s string) (any, error) { return parseEOSShowVersion(s) }},
		{"junos-show-version", []string{"testdata/corpus/juniper_junos/show_version/*.raw"},
			func(s string) (any, error) { return parseJunosShowVersion(s) }},
		{"junos-show-chassis-firmware", []string{"testdata/corpus/juniper_junos/show_chassis_firmware/*.raw"},
			func(s string) (any, error) { return ParseJunosFirmware(s) }},
		{"junos-show-chassis-hardware", []string{"testdata/corpus/juniper_junos/show_chassis_hardware/*.raw"},
			func(s string) (any, error) { return parseJunosHardware(s) }},
		{"junos-show-system-uptime", []string{"testdata/juniper_junos/show-system-uptime-*.txt"},
			func(s string) (any, error) { return ParseJunosUptime(s) }},
		{"iosxe-show-install-summary", []string{"testdata/cisco_iosxe/show-install-summary-*.txt"},
			func(s string) (any, error) { return ParseIOSXEInstallSummary(s) }},
		{"iosxe-show-romvar", []string{"testdata/cisco_iosxe/show-romvar-*.txt"},
			func(s string) (any, error) { return ParseIOSXERomvar(s) }},
		{"iosxe-show-rom-monitor", []string{"testdata/cisco_iosxe/show-rom-monitor-*.txt", "testdata/cisco_ios/show-rom-monitor-*.txt"},
			func(s string) (any, error) { return parseIOSXEROMMON(s) }},
		{"iosxe-dir", []string{"testdata/corpus/cisco_ios/dir/*.raw", "testdata/cisco_iosxe/dir-*.txt"},
			func(s string) (any, error) { return parseIOSXEDir(s) }},
		{"nxos-dir", []string{"testdata/corpus/cisco_nxos/dir/*.raw"}, func(s string) (any, error) { return parseNXOSDir(s) }},
		{"nxos-show-boot", []string{"testdata/cisco_nxos/show-boot-*.txt"}, func(s string) (any, error) { return parseNXOSShowBoot(s) }},
		{"nxos-show-inventory", []string{"testdata/corpus/cisco_nxos/show_inventory/*.raw"},
			func(s string) (any, error) { return ParseCiscoInventory(s) }},
		{"xr-show-install-active", []string{"testdata/corpus/cisco_xr/show_install_active/*.raw"},
			func(s string) (any, error) { return parseIOSXRInstallActive(s) }},
		{"xr-show-hw-module-fpd", []string{"testdata/cisco_iosxr/show-hw-module-fpd-*.txt"},
			func(s string) (any, error) { return parseIOSXRFPD(s) }},
		{"eos-dir", []string{"testdata/corpus/arista_eos/dir/*.raw"}, func(s string) (any, error) { return parseEOSDir(s) }},
		{"eos-show-boot-config", []string{"testdata/corpus/arista_eos/show_boot-config/*.raw"},
			func(s string) (any, error) { return parseEOSBootConfig(s) }},
		{"junos-file-list", []string{"testdata/juniper_junos/file-list-*.txt"}, func(s string) (any, error) { return parseJunosFileList(s) }},
	}
	for _, p := range parsers {
		for name, in := range tableInputs(t, p.globs...) {
			want, wantErr := p.parse(in)
			for tname, tr := range pasteTransforms {
				t.Run(p.name+"/"+name+"/"+tname, func(t *testing.T) {
					got, err := p.parse(tr(in))
					require.Equal(t, wantErr == nil, err == nil, "error: %v / %v", wantErr, err)
					require.Equal(t, want, got)
				})
			}
		}
	}
}
