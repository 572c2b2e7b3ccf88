package release_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/release"
)

// Strings quoted from real outputs name their source; the others are
// hand-written.
func TestFirmware(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// corpus ntc-templates cisco_ios_show_version*.raw (Apache-2.0)
		{"rom-line-classic", "System Bootstrap, Version 12.3(8r)YH6, RELEASE SOFTWARE (fc1)", "12.3(8r)YH6"},
		{"bootldr-fc-spaced", "System Bootstrap, Version 16.9.1r [FC2], RELEASE SOFTWARE (P)", "16.9.1r[FC2]"},
		{"bootldr-fc-glued", "System Bootstrap, Version 17.1.1[FC2], RELEASE SOFTWARE (P)", "17.1.1[FC2]"},
		{"bare", "12.2(44r)SG9", "12.2(44r)SG9"},
		// corpus cisco_xr_show_version_brief.raw / _crs.raw: "(c)" is the copyright sign
		{"xr-copyright", "System Bootstrap, Version 5.15(c) 1994-2012 by Cisco Systems,  Inc.", "5.15"},
		{"xr-crs-tag", "System Bootstrap, Version 2.100(20100129:213223) [CRS-1 ROMMON],  ", "2.100(20100129:213223)"},
		// issue #14 (real outputs quoted there)
		{"isr-g2-entphysical", "System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)", "15.0(1r)M16"},
		{"builder-tag", "12.2(8r) [cmong 8r]", "12.2(8r)"},
		{"dev-and-kernel-args", "0.0.16 [DEVELOPMENT SOFTWARE] crashkernel=64M", "0.0.16"},
		{"xr-075", "0.75(c) 1994-2012 by Cisco Systems, Inc.", "0.75"},
		// hand-written
		{"spaces", "  17.9.1r[FC2] \n", "17.9.1r[FC2]"},
		{"empty", "", ""},
		{"no-version-word", "IOS-XE ROMMON", "IOS-XE ROMMON"},
		// corpus juniper_junos_show_chassis_firmware.raw: words that tell builds apart stay
		{"junos-uboot", "U-Boot 1.1.6 (Mar 25 2009 - 06:13:12)  2.4.0", "U-Boot 1.1.6 (Mar 25 2009 - 06:13:12) 2.4.0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, release.Firmware(tc.in))
		})
	}
}

func TestSame(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       bool
	}{
		{"iosxe-zero-padding", "17.05.01a", "17.5.1a", true},   // issue #14
		{"asa-paren-and-dots", "9.16(4)85", "9.16.4.85", true}, // issue #14; ASA advisories write the dotted form
		{"asa-corpus", "9.16(3)19", "9.16.3.19", true},         // corpus cisco_asa README
		{"framed-vs-bare", "System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)", "15.0(1r)M16", true},
		{"fc-spacing", "16.9.1r [FC2]", "16.9.1r[FC2]", true},
		{"case", "17.9.1R[fc2]", "17.9.1r[FC2]", true},
		{"other-build", "17.9.1r[FC2]", "17.9.1r[FC3]", false},
		{"other-rebuild", "17.05.01a", "17.5.1b", false},
		{"other-train-number", "15.0(1r)M16", "15.0(1r)M15", false},
		{"asa-other-build", "9.16(4)85", "9.16.4.84", false},
		{"text-same", "IOS-XE ROMMON", "ios-xe rommon", true},
		{"text-differs", "latest", "stable", false},
		{"uboot-builds", "U-Boot 1.1.6 (Mar 25 2009 - 06:13:12) 2.4.0", "U-Boot 1.1.6 (Dec  4 2009 - 13:17:34) 3.1.0", false},
		{"uboot-spacing", "U-Boot 1.1.6 (Mar 25 2009 - 06:13:12) 2.4.0", "U-Boot 1.1.6 (Mar 25 2009 -  06:13:12) 2.4.0", true},
		{"empty-vs-version", "", "17.9.1r", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, release.Same(tc.a, tc.b))
			require.Equal(t, tc.want, release.Same(tc.b, tc.a), "symmetric")
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       int
		ok         bool
	}{
		{"equal", "17.9.1r", "17.9.1r", 0, true},
		{"paren-and-dot-forms-agree", "16.12(2r)", "16.12.2r", 0, true},
		{"zero-padding", "17.09.04a", "17.9.4a", 0, true},
		{"major", "16.12(2r)", "17.9.1r", -1, true},
		{"minor-numeric-not-lexical", "17.10.1r", "17.9.1r", 1, true},
		{"rommon-brackets-differ-in-numbers", "17.6.1r[FC2]", "17.9.1r[FC2]", -1, true},
		{"same-numbers-other-build", "17.9.1r[FC2]", "17.9.1r[FC3]", 0, false},
		{"rebuild-letter", "17.09.04a", "17.09.04", 1, true},
		{"rommon-marker-vs-rebuild", "17.9.1r", "17.9.1a", 0, false},
		{"shorter", "17.9", "17.9.1", -1, true},
		{"train-same", "15.0(1r)M", "15.1(1r)M", -1, true},
		{"train-number", "15.0(1r)M15", "15.0(1r)M16", -1, true},
		{"rebuild-letters", "17.09.04a", "17.09.04b", -1, true},
		{"train-differs", "15.0(1r)M", "15.0(1r)SE", 0, false},
		{"asa-build", "9.16(4)85", "9.16(4)61", 1, true},
		{"asa-forms", "9.16(4)85", "9.16.4.85", 0, true},
		{"framed", "System Bootstrap, Version 12.2(17r)S4, RELEASE SOFTWARE (fc1)", "12.2(17r)S2", 1, true}, // S4 after S2 on the S train
		{"garbage", "latest", "17.9.1r", 0, false},
		{"empty", "", "17.9.1r", 0, false},
		{"letter-in-middle", "17a.9", "17.9", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := release.Compare(tc.a, tc.b)
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.want, got)
			if ok {
				back, _ := release.Compare(tc.b, tc.a)
				require.Equal(t, -tc.want, back, "antisymmetric")
			}
		})
	}
}

func FuzzSame(f *testing.F) {
	for _, s := range []string{"17.9.1r", "16.12(2r)", "17.09.04a", "17.9.1r[FC2]", "15.0(1r)M16", "9.16(4)85", "9.16.4.85",
		"System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)", "12.2(8r) [cmong 8r]",
		"0.0.16 [DEVELOPMENT SOFTWARE] crashkernel=64M", "5.15(c) 1994-2012 by Cisco Systems,  Inc.", "", "(((", "1.2.3)x[y]"} {
		f.Add(s, "17.5.1a")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if release.Same(a, b) != release.Same(b, a) {
			t.Fatalf("Same not symmetric: %q %q", a, b)
		}
		c, ok := release.Compare(a, b)
		back, okBack := release.Compare(b, a)
		if ok != okBack || (ok && c != -back) {
			t.Fatalf("Compare not antisymmetric: %q %q → %d,%v / %d,%v", a, b, c, ok, back, okBack)
		}
		if fw := release.Firmware(a); len(fw) > len(a) {
			t.Fatalf("Firmware grew %q to %q", a, fw)
		}
		if self, ok := release.Compare(a, a); ok && self != 0 {
			t.Fatalf("%q not equal to itself", a)
		}
	})
}

func FuzzCompare(f *testing.F) {
	for _, s := range []string{"17.9.1r", "16.12(2r)", "17.09.04a", "17.9.1r[FC2]", "15.0(1r)M", "", "(((", "1.2.3)x[y]"} {
		f.Add(s, "17.9.1r")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		c, ok := release.Compare(a, b)
		back, okBack := release.Compare(b, a)
		if ok != okBack || (ok && c != -back) {
			t.Fatalf("not antisymmetric: %q %q → %d,%v / %d,%v", a, b, c, ok, back, okBack)
		}
		if self, ok := release.Compare(a, a); ok && self != 0 {
			t.Fatalf("%q not equal to itself", a)
		}
	})
}
