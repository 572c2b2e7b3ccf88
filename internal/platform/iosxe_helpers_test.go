package platform

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

func TestBootVersion(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"classic-system-bootstrap", " System Bootstrap, Version 15.0(1r)M15, RELEASE SOFTWARE (fc1)", "15.0(1r)M15"},
		{"bare-version", " 12.2(44r)SG9", "12.2(44r)SG9"},
		{"iosxe-rommon-no-version", " IOS-XE ROMMON", ""},
		{"iosv-no-version", " Bootstrap program is IOSv", ""},
		{"bootldr-space-before-bracket", " System Bootstrap, Version 16.9.1r [FC2], RELEASE SOFTWARE (P)", "16.9.1r [FC2]"},
		{"cat3k-boot-loader", " CAT3K_CAA Boot Loader (CAT3K_CAA-HBOOT-M) Version 3.58, RELEASE SOFTWARE (P)", "3.58"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, bootVersion(tc.in))
		})
	}
}

func TestParseUptime(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int64
	}{
		{"all-units", "1 year, 2 weeks, 3 days, 4 hours, 5 minutes", 365*86400 + 14*86400 + 3*86400 + 4*3600 + 300},
		{"singular-and-plural", "1 week, 1 day, 1 hour, 1 minute", 7*86400 + 86400 + 3600 + 60},
		{"garbage-parts-skipped", "x years, 2 hours, -1 minutes, 3", 7200},
		{"empty", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, parseUptime(tc.in))
		})
	}
}

func TestMergeBootSources(t *testing.T) {
	tests := []struct {
		name string
		out  Outputs
		want facts.BootConfig
	}{
		{
			name: "bootvar-register-when-show-version-absent",
			out:  Outputs{IOSXEShowBootvar: "BOOT variable = flash:a.bin,1;\nConfiguration register is 0x2 (will be 0x2102 at next reload)\n"},
			want: facts.BootConfig{System: []string{"flash:a.bin"}, ConfigRegister: "0x2", ConfigRegisterNext: "0x2102"},
		},
		{
			name: "bootvar-wins-over-running-config",
			out: Outputs{IOSXEShowBootvar: "BOOT variable = flash:a.bin,1;\n",
				IOSXERunningBoot: "boot system flash:b.bin\nconfig-register 0x2102\n"},
			want: facts.BootConfig{System: []string{"flash:a.bin"}, ConfigRegister: "0x2102"},
		},
		{
			name: "running-config-register-differs-is-next",
			out: Outputs{IOSXEShowVersion: "Cisco IOS XE Software, Version 17.09.04a\nConfiguration register is 0x2102\n",
				IOSXERunningBoot: "config-register 0x2142\n"},
			want: facts.BootConfig{ConfigRegister: "0x2102", ConfigRegisterNext: "0x2142"},
		},
		{
			name: "show-boot-catalyst-form",
			out:  Outputs{IOSXEShowBoot: "BOOT variable = flash:packages.conf;\nMANUAL_BOOT variable = no\n"},
			want: facts.BootConfig{System: []string{"flash:packages.conf"}},
		},
		{
			name: "bootvar-unsupported-falls-back",
			out: Outputs{IOSXEShowBootvar: "          ^\n% Invalid input detected at '^' marker.\n",
				IOSXERunningBoot: "boot system switch all flash:packages.conf\n"},
			want: facts.BootConfig{System: []string{"flash:packages.conf"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ParseIOSXE(tc.out)
			require.NoError(t, err)
			require.Equal(t, tc.want, f.Boot)
		})
	}
}

func TestUnrecognizedOutputsAreErrors(t *testing.T) {
	garbage := "lorem ipsum\ndolor sit amet\n"
	for _, cmd := range []string{IOSXEShowVersion, IOSXEShowROMMON, IOSXEShowPlatform, IOSXEShowBootvar, IOSXEDirBoot} {
		t.Run(cmd, func(t *testing.T) {
			_, err := ParseIOSXE(Outputs{cmd: garbage})
			require.ErrorIs(t, err, ErrUnrecognized)
		})
	}
	_, err := ParseIOSXE(Outputs{IOSXEShowVersion: "% Invalid input detected at '^' marker.\n"})
	require.ErrorIs(t, err, ErrUnsupported, "show version is never optional")
}
