package platform

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

// TestParseIOSBootFirmwareShapes checks the boot firmware and image that
// classic IOS and IOS XE show version shapes of issue #14 give. The
// fixtures are hand-written around the lines quoted in the issue; the
// expected values are hand-written.
func TestParseIOSBootFirmwareShapes(t *testing.T) {
	cli := func(name, v string) facts.Component {
		return facts.Component{Name: name, Version: v, Source: facts.SourceCLI, Origin: IOSXEShowVersion}
	}
	tests := []struct {
		slug   string
		parse  func(Outputs) (facts.Facts, error)
		image  string
		rommon []facts.Component
	}{
		{"show-version-cat6500-rom-and-bootldr", ParseIOS, "disk0:s72033-adventerprisek9_wan-mz.122-18.SXF7.bin",
			[]facts.Component{cli("BOOTLDR", "12.2(18)SXF7"), cli("ROMMON", "12.2(17r)S4")}},
		{"show-version-c2500-booted-via-flash", ParseIOS, "flash:c2500-j-l.112-5.P",
			[]facts.Component{cli("ROMMON", "11.0(10c)")}},
		{"show-version-rom-builder-tag", ParseIOS, "disk0:c7200-adventerprisek9-mz.124-24.T8.bin",
			[]facts.Component{cli("BOOTLDR", "12.3(16)"), cli("ROMMON", "12.2(8r)")}},
		{"show-version-rom-development-crashkernel", ParseIOSXE, "bootflash:packages.conf",
			[]facts.Component{cli("R0", "0.0.16")}},
		{"show-version-c9300-rom-bootldr-one-line", ParseIOSXE, "flash:packages.conf",
			[]facts.Component{cli("R0", "17.11.0.1r")}},
	}
	for _, tc := range tests {
		t.Run(tc.slug, func(t *testing.T) {
			f, err := tc.parse(Outputs{IOSXEShowVersion: readFixture(t, tc.slug)})
			require.NoError(t, err)
			require.Equal(t, tc.image, f.Image)
			require.Equal(t, tc.rommon, f.ROMMON)
		})
	}
}

// TestParseIOSXEInstallRomvarInventory: the new IOS XE commands reach the
// facts (hand-written fixtures and expected values).
func TestParseIOSXEInstallRomvarInventory(t *testing.T) {
	f, err := ParseIOSXE(Outputs{
		IOSXEShowInventory:  readFixture(t, "show-inventory-isr4331"),
		IOSXEShowRomvar:     readFixture(t, "show-romvar-boot-differs"),
		IOSXEInstallSummary: readFixture(t, "show-install-summary-uncommitted"),
	})
	require.NoError(t, err)
	require.Equal(t, "ISR4331/K9", f.Model, "chassis PID when show version gave no model")
	require.Equal(t, "FDO2152A1BC", f.Serial)
	require.Equal(t, facts.Variable{Name: "BOOT", Value: "flash:cat9k_iosxe.16.12.01.SPA.bin;"}, f.ROMMONVars[1])
	require.NotNil(t, f.Install)
	require.Equal(t, facts.InstallPackage{Location: "Chassis 1/R0 2/R0", Type: "IMG", State: facts.InstallUncommitted, Name: "17.12.01.0.1444"},
		f.Install.Packages[1])

	f, err = ParseIOSXE(Outputs{IOSXEShowVersion: readFixture(t, "show-version-isr4331"), IOSXEShowInventory: readFixture(t, "show-inventory-isr4331"),
		IOSXEInstallSummary: readFixture(t, "show-install-summary-bundle-mode")})
	require.NoError(t, err, "a rejected show install summary (bundle mode) is not an error")
	require.Nil(t, f.Install)
	require.Equal(t, "ISR4331/K9", f.Model)
}

// TestParseIOSShowModuleBootFirmware: Catalyst show module gives each
// module's ROMMON (corpus cisco_ios_show_module1.raw, a 6500 with Sup2T;
// the values are those of ntc-templates' expected parse).
func TestParseIOSShowModuleBootFirmware(t *testing.T) {
	b, err := os.ReadFile("testdata/corpus/cisco_ios/show_module/cisco_ios_show_module1.raw")
	require.NoError(t, err)
	f, err := ParseIOS(Outputs{IOSShowModule: string(b)})
	require.NoError(t, err)
	got := map[string]string{}
	for _, c := range f.ROMMON {
		require.Equal(t, IOSShowModule, c.Origin)
		got[c.Name] = c.Version
	}
	require.Equal(t, map[string]string{"module 1": "12.2(18r)S1", "module 2": "12.2(14r)S5", "module 3": "12.2(14r)S5",
		"module 4": "12.2(18r)S1", "module 5": "12.2(50r)SYS", "module 6": "12.2(50r)SYS"}, got)
}
