package baseline_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

func TestModelQueries(t *testing.T) {
	m := &baseline.Model{
		Pattern:        "C9300-*",
		ROMMON:         &baseline.ROMMON{Approved: []string{"17.9.1r[FC2]"}},
		Images:         []baseline.Image{{File: "cat9k.bin"}},
		ConfigRegister: []string{"0x2102"},
	}
	require.True(t, m.ROMMONApproved(" 17.9.1r[FC2]\n"))
	require.True(t, m.ROMMONApproved("17.09.01r[FC2]"), "release identity, not text: zero padding does not count")
	require.True(t, m.ROMMONApproved("System Bootstrap, Version 17.9.1r [FC2], RELEASE SOFTWARE (P)"),
		"the vendor framing of the BOOTLDR: line / entPhysicalFirmwareRev does not count")
	require.False(t, m.ROMMONApproved("17.9.1r[FC3]"), "another build of the same numbers is another release")
	require.False(t, m.ROMMONApproved("17.9.2r[FC2]"))
	require.False(t, m.ROMMONApproved(""))

	_, ok := m.Image("cat9k.bin")
	require.True(t, ok)
	_, ok = m.Image("bootflash:cat9k.bin")
	require.False(t, ok, "callers pass bare names")

	for v, want := range map[string]bool{"0x2102": true, "0X2102": true, "0x02102": true, " 0x2102 ": true, "0x102": false, "0x2142": false, "2102": false, "": false} {
		require.Equal(t, want, m.ConfigRegisterApproved(v), v)
	}
	def := &baseline.Model{}
	require.True(t, def.ConfigRegisterApproved("0x102"), "default set applies to an empty list")
	require.True(t, def.ConfigRegisterApproved("0x2102"))
	require.False(t, def.ConfigRegisterApproved("0x2142"))
	var none *baseline.Model
	require.True(t, none.ConfigRegisterApproved("0x2102"), "no baseline: default set")
	require.False(t, none.ROMMONApproved("17.9.1r[FC2]"))
}

func TestNormalizeRegister(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0x2102", "0x2102"}, {"0X2102", "0x2102"}, {"0x0102", "0x102"}, {"0xFFFF", "0xffff"}, {"0x2", "0x2"},
		{"0x10000", ""}, {"2102", ""}, {"0x", ""}, {"0x-1", ""}, {"0x21 02", ""},
	}
	for _, tc := range tests {
		got, ok := baseline.NormalizeRegister(tc.in)
		require.Equal(t, tc.want, got, tc.in)
		require.Equal(t, tc.want != "", ok, tc.in)
	}
}

func TestModelMatch(t *testing.T) {
	tests := []struct {
		pattern, model string
		want           bool
	}{
		{"ISR43*", "ISR4331/K9", true},
		{"ISR4331/K9", "ISR4331/K9", true},
		{"C9300-*", "C9300-48P", true},
		{"C9300-*", "C9500-24Y4C", false},
		{"ISR4?31/K9", "ISR4331/K9", true},
		{"ASR1001-X", "ASR1001-X/K9", false},
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, baseline.ModelMatch(tc.pattern, tc.model), "%s ~ %s", tc.pattern, tc.model)
	}
}
