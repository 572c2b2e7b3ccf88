package platform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/golden"
)

// platformGoldens maps fixture slug prefixes under testdata/<platform>/ to
// the parser they exercise, for the platforms after IOS XE.
var platformGoldens = map[string][]struct {
	prefix string
	parse  func(string) (any, error)
}{
	"cisco_ios": {
		{"show-rom-monitor", func(s string) (any, error) { return ParseIOS(Outputs{IOSShowROMMON: s}) }},
	},
	"cisco_nxos": {
		{"show-boot", func(s string) (any, error) { return parseNXOSShowBoot(s) }},
		{"show-module", func(s string) (any, error) { return ParseNXOSShowModule(s) }},
		{"show-file-sha512sum", func(s string) (any, error) { return ParseNXOSFileSHA512("bootflash:nxos64-cs.10.3.6.M.bin", s) }},
	},
	"cisco_iosxr": {
		{"show-hw-module-fpd", func(s string) (any, error) {
			t, err := parseIOSXRFPD(s)
			return struct {
				Table        xrFPDTable `json:"table"`
				BootFirmware any        `json:"boot_firmware"`
			}{t, t.BootFirmware(XRShowFPD)}, err
		}},
	},
	"arista_eos": {
		{"show-version-detail", func(s string) (any, error) { return parseEOSShowVersion(s) }},
		{"verify-sha512", func(s string) (any, error) { return ParseIOSXEVerify(s) }},
	},
	"juniper_junos": {
		{"file-list", func(s string) (any, error) { return parseJunosFileList(s) }},
		{"file-checksum-sha256", func(s string) (any, error) { return ParseJunosChecksum(s) }},
		{"show-system-uptime", func(s string) (any, error) { return ParseJunosUptime(s) }},
	},
}

func TestGoldenPlatforms(t *testing.T) {
	for platform, parsers := range platformGoldens {
		all, err := filepath.Glob(filepath.Join("testdata", platform, "*.txt"))
		require.NoError(t, err)
		require.NotEmpty(t, all, platform)
		used := 0
		for _, p := range parsers {
			paths, err := filepath.Glob(filepath.Join("testdata", platform, p.prefix+"*.txt"))
			require.NoError(t, err)
			for _, path := range paths {
				used++
				t.Run(platform+"/"+strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
					in, err := os.ReadFile(path)
					require.NoError(t, err)
					v, err := p.parse(string(in))
					res := goldenResult{Parsed: v}
					if err != nil {
						res.Error = err.Error()
					}
					golden.AssertJSON(t, strings.TrimSuffix(path, ".txt")+".golden.json", res)
				})
			}
		}
		require.Equal(t, len(all), used, "%s: every fixture needs a parser in platformGoldens", platform)
	}
}
