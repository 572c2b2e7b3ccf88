package platform

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
	"fwaudit/internal/golden"
)

func readFixture(t testing.TB, slug string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "cisco_iosxe", slug+".txt"))
	require.NoError(t, err)
	return string(b)
}

func TestParseIOSXE(t *testing.T) {
	const img = "bootflash:isr4300-universalk9.17.09.04a.SPA.bin"
	tests := []struct {
		name       string
		outputs    map[string]string // command -> fixture slug
		wantErrs   []error
		wantROMMON []facts.Component
		wantFollow []string
	}{
		{
			name: "parse-isr4331",
			outputs: map[string]string{
				IOSXEShowVersion: "show-version-isr4331", IOSXEShowROMMON: "show-rom-monitor-r0",
				IOSXEShowPlatform: "show-platform-isr4331", IOSXEShowBootvar: "show-bootvar-pending-confreg",
				IOSXEDirBoot: "dir-bootflash", IOSXERunningBoot: "show-running-config-boot",
				IOSXEVerifyCmd + img:                       "verify-sha512-dots",
				IOSXEVerifyCmd + "bootflash:packages.conf": "verify-sha512-same-line",
			},
			wantROMMON: []facts.Component{
				{Name: "0", Version: "16.12(2r)", Source: facts.SourceCLI, Origin: IOSXEShowPlatform},
				{Name: "1", Version: "16.12(2r)", Source: facts.SourceCLI, Origin: IOSXEShowPlatform},
				{Name: "F0", Version: "16.12(2r)", Source: facts.SourceCLI, Origin: IOSXEShowPlatform},
				{Name: "R0", Version: "16.12(2r)", Source: facts.SourceCLI, Origin: IOSXEShowROMMON},
			},
			wantFollow: []string{IOSXEVerifyCmd + img, IOSXEVerifyCmd + "bootflash:packages.conf"},
		},
		{
			name: "parse-c9300-bootldr-rom-monitor-unsupported",
			outputs: map[string]string{
				IOSXEShowVersion: "show-version-c9300-rom-bootldr-one-line",
				IOSXEShowROMMON:  "show-rom-monitor-invalid-input",
			},
			wantROMMON: []facts.Component{{Name: "R0", Version: "17.11.0.1r", Source: facts.SourceCLI, Origin: IOSXEShowVersion}},
			wantFollow: []string{IOSXEVerifyCmd + "flash:packages.conf"},
		},
		{
			name: "parse-running-config-fallback",
			outputs: map[string]string{
				IOSXEShowVersion: "show-version-isr4331", IOSXERunningBoot: "show-running-config-boot",
			},
			wantFollow: []string{IOSXEVerifyCmd + img, IOSXEVerifyCmd + "bootflash:packages.conf",
				IOSXEVerifyCmd + "flash:cat9k_iosxe.17.11.01.SPA.bin"},
		},
		{
			name: "parse-partial-errors",
			outputs: map[string]string{
				IOSXEShowVersion: "show-version-no-version-line", IOSXEShowROMMON: "show-rom-monitor-r0",
				IOSXEVerifyCmd + "bootflash:missing.bin": "verify-sha512-error",
			},
			wantErrs:   []error{ErrUnrecognized, ErrVerify},
			wantROMMON: []facts.Component{{Name: "R0", Version: "16.12(2r)", Source: facts.SourceCLI, Origin: IOSXEShowROMMON}},
			wantFollow: []string{IOSXEVerifyCmd + "bootflash:unknown.bin"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := Outputs{}
			for cmd, slug := range tc.outputs {
				out[cmd] = readFixture(t, slug)
			}
			f, err := CiscoIOSXE.Parse(out)
			if len(tc.wantErrs) == 0 {
				require.NoError(t, err)
			}
			for _, want := range tc.wantErrs {
				require.ErrorIs(t, err, want)
			}
			require.Equal(t, tc.wantROMMON, f.ROMMON)
			require.Equal(t, tc.wantFollow, CiscoIOSXE.FollowUp(f))
			golden.AssertJSON(t, filepath.Join("testdata", "cisco_iosxe", tc.name+".golden.json"), f)
		})
	}
}

func TestParseIOSXEEmptyOutputs(t *testing.T) {
	f, err := ParseIOSXE(Outputs{})
	require.NoError(t, err)
	require.Equal(t, facts.Facts{}, f)
}

func TestCiscoIOSXERegistered(t *testing.T) {
	p, err := Lookup("cisco_iosxe")
	require.NoError(t, err)
	require.Equal(t, CiscoIOSXE.Commands, p.Commands)
	require.Contains(t, p.Commands, IOSXERunningBoot)
}

func TestIOSXEFollowUp(t *testing.T) {
	many := []string{}
	for _, c := range "abcdefghij" {
		many = append(many, "bootflash:"+string(c)+".bin")
	}
	tests := []struct {
		name  string
		image string
		boot  []string
		want  []string
	}{
		{name: "image-and-boot-deduplicated", image: "bootflash:x.bin",
			boot: []string{"bootflash:packages.conf", "bootflash:x.bin"},
			want: []string{"verify /sha512 bootflash:x.bin", "verify /sha512 bootflash:packages.conf"}},
		{name: "network-and-empty-skipped", image: "tftp://255.255.255.255/unknown",
			boot: []string{"tftp:/images/x.bin 255.255.255.255", "", "x.bin", "flash:", "HTTP://h/x.bin", "flash:/dir/y.bin"},
			want: []string{"verify /sha512 flash:/dir/y.bin"}},
		{name: "cli-injection-refused", image: "bootflash:x.bin | redirect tftp://192.0.2.1/x",
			boot: []string{"bootflash:a b.bin", "bootflash:x.bin?", "bootflash:x;y", "bootflash:../x", "bootflash:ok.bin"},
			want: []string{"verify /sha512 bootflash:ok.bin"}},
		{name: "bounded", boot: many, want: func() []string {
			var w []string
			for _, p := range many[:maxFollowUps] {
				w = append(w, "verify /sha512 "+p)
			}
			return w
		}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := iosxeFollowUp(facts.Facts{Image: tc.image, Boot: facts.BootConfig{System: tc.boot}})
			require.Equal(t, tc.want, got)
		})
	}
}
