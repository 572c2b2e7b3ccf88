package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
)

func TestBOOT001_FiresWhenBootEntryNotApproved(t *testing.T) {
	tests := []struct {
		name    string
		entries []string
		bad     []string
	}{
		{"unapproved-after-approved", []string{"bootflash:" + goodImage, "bootflash:evil.bin"}, []string{"bootflash:evil.bin"}},
		{"packages-conf-not-listed", []string{"bootflash:packages.conf"}, []string{"bootflash:packages.conf"}},
		{"first-file-on-flash", []string{"flash:"}, []string{"flash:"}},
		{"two-bad", []string{"tftp://192.0.2.9/x.bin", "usbflash0:y.bin"}, []string{"tftp://192.0.2.9/x.bin", "usbflash0:y.bin"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := only(audit.Evaluate(input(factsWithBoot(tc.entries...))), audit.BOOT001)
			var observed []string
			for _, g := range got {
				observed = append(observed, g.Observed)
				require.Equal(t, goodImage, g.Expected)
				require.True(t, g.Escalate)
				require.Contains(t, g.EscalationReason, "next-boot image")
			}
			require.ElementsMatch(t, tc.bad, observed)
		})
	}
}

func TestBOOT001_QuietWhen(t *testing.T) {
	installMode := input(factsWithBoot("bootflash:packages.conf"))
	installMode.Model.Images = append(installMode.Model.Images, baseline.Image{File: "packages.conf", SHA512: goodSHA})
	noImages := input(factsWithBoot("bootflash:evil.bin"))
	noImages.Model.Images = nil
	noModel := input(factsWithBoot("bootflash:evil.bin"))
	noModel.Model = nil
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"approved-entries", input(factsWithBoot("bootflash:"+goodImage, "flash:/"+goodImage))},
		{"empty-boot-list", input(factsWithBoot())},
		{"blank-entry", input(factsWithBoot("  "))},
		{"packages-conf-listed", installMode},
		{"baseline-without-images", noImages},
		{"no-baseline-model", noModel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.BOOT001))
		})
	}
}

func TestBOOT002_FiresWhenRegisterNotExpected(t *testing.T) {
	noModel := input(factsWithRegister("0x2142", ""))
	noModel.Model = nil
	tests := []struct {
		name     string
		in       audit.Input
		observed string
		evidence string
		escalate string // "" when not escalated
	}{
		{"password-recovery", input(factsWithRegister("0x2142", "")), "0x2142",
			"now is 0x2142: boot field 0x2: boots from boot system / the BOOT variable; bit 6 (0x0040) set: ignores the startup configuration (password recovery)",
			"ignores the startup configuration (NVRAM)"},
		{"stays-in-rommon", input(factsWithRegister("0x2100", "")), "0x2100", "boot field 0x0: stays in ROMMON", "stays in ROMMON at reload"},
		{"both", input(factsWithRegister("0x140", "")), "0x140", "boot field 0x0", "ignores the startup configuration (NVRAM) and stays in ROMMON"},
		{"boot-first-image", input(factsWithRegister("0x2101", "")), "0x2101", "boot field 0x1", ""},
		{"break-enabled", input(factsWithRegister("0x2002", "")), "0x2002", "bit 8 (0x0100) clear: console Break is enabled", ""},
		{"at-next-reload", input(factsWithRegister("0x2102", "0x2142")), "0x2142", "at next reload is 0x2142", "ignores the startup configuration"},
		{"unparsable", input(factsWithRegister("0xZZ", "")), "0xZZ", "not a hexadecimal register value", ""},
		{"no-baseline-default-set", noModel, "0x2142", "ignores the startup configuration", "ignores the startup configuration"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := only(audit.Evaluate(tc.in), audit.BOOT002)
			require.Len(t, got, 1)
			require.Equal(t, tc.observed, got[0].Observed)
			require.Contains(t, got[0].Evidence, tc.evidence)
			require.Equal(t, audit.High, got[0].Severity)
			require.Equal(t, tc.escalate != "", got[0].Escalate)
			require.Contains(t, got[0].EscalationReason, tc.escalate)
			if tc.in.Model == nil {
				require.Equal(t, "0x2102, 0x102", got[0].Expected)
			} else {
				require.Equal(t, "0x102, 0x2102", got[0].Expected)
			}
		})
	}
}

func TestBOOT002_FiresTwiceWhenNowAndNextBad(t *testing.T) {
	got := only(audit.Evaluate(input(factsWithRegister("0x2142", "0x2100"))), audit.BOOT002)
	require.Len(t, got, 2)
}

func TestBOOT002_QuietWhen(t *testing.T) {
	noModel := input(factsWithRegister("0x2102", ""))
	noModel.Model = nil
	emptyList := input(factsWithRegister("0x102", ""))
	emptyList.Model.ConfigRegister = nil
	lab := input(factsWithRegister("0x2142", ""))
	lab.Model.ConfigRegister = []string{"0x2142"}
	tests := []struct {
		name string
		in   audit.Input
	}{
		{"approved", input(factsWithRegister("0x2102", ""))},
		{"approved-upper-case", input(factsWithRegister("0X2102", ""))},
		{"approved-now-and-next", input(factsWithRegister("0x102", "0x2102"))},
		{"not-read", input(factsWithRegister("", ""))},
		{"no-baseline-default-set", noModel},
		{"empty-list-default-set", emptyList},
		{"baseline-allows-it", lab},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Empty(t, only(audit.Evaluate(tc.in), audit.BOOT002))
		})
	}
}
