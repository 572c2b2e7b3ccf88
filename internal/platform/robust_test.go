package platform

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/textsafe"
)

func TestHostileShowVersion(t *testing.T) {
	huge := strings.Repeat("A", 1<<20)
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, v iosxeVersion)
	}{
		{
			name: "ansi-and-nul-stripped",
			in: "Cisco IOS XE Software, Version 17.09.04a\x00\x1b[2J\n" +
				"r\x1b[31mtr\x00 uptime is 5 minutes\r\n" +
				"System image file is \"bootflash:x\x1b]0;pwned\x07.bin\"\n",
			check: func(t *testing.T, v iosxeVersion) {
				require.Equal(t, "17.09.04a", v.XEVersion)
				require.Equal(t, "rtr", v.Hostname)
				require.Equal(t, "bootflash:x.bin", v.Image)
				require.Equal(t, int64(300), v.UptimeSeconds)
			},
		},
		{
			name: "one-megabyte-lines-capped",
			in: "Cisco IOS XE Software, Version " + huge + "\n" +
				"ROM: " + huge + "BOOTLDR: System Bootstrap, Version " + huge + "\n" +
				"Last reload reason: " + huge + "\n",
			check: func(t *testing.T, v iosxeVersion) {
				for _, s := range []string{v.XEVersion, v.ROM, v.BootLoader, v.LastReloadReason} {
					require.NotEmpty(t, s)
					require.LessOrEqual(t, len([]rune(s)), textsafe.MaxField+1)
					require.True(t, textsafe.IsSafe(s))
				}
				require.LessOrEqual(t, len([]rune(bootVersion(v.BootLoader))), textsafe.MaxField+1)
			},
		},
		{
			name: "uptime-overflow-attempt",
			in: "Cisco IOS XE Software, Version 1\nh uptime is " +
				strings.Repeat("999999999 years, ", 100000) + "\n",
			check: func(t *testing.T, v iosxeVersion) {
				require.Equal(t, int64(8*999999999*365*86400), v.UptimeSeconds)
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := parseIOSXEShowVersion(tc.in)
			require.NoError(t, err)
			tc.check(t, v)
		})
	}
}

func TestHostileDirAndBootBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("Directory of bootflash:/\n")
	for range 5000 {
		b.WriteString("   12  -rw-   1  Nov 20 2025 10:01:22 +00:00  f.bin\n")
	}
	d, err := parseIOSXEDir(b.String())
	require.NoError(t, err)
	require.Len(t, d.Entries, maxFiles)

	bc, err := parseIOSXEBootvar("BOOT variable = " + strings.Repeat("bootflash:a.bin,1;", 1000) + "\n")
	require.NoError(t, err)
	require.Len(t, bc.System, maxBootEntries)

	rc, err := parseIOSXERunningBoot(strings.Repeat("boot system flash:a.bin\n", 1000))
	require.NoError(t, err)
	require.Len(t, rc.System, maxBootEntries)
}

func TestDirPrefixRejectsHostileHeader(t *testing.T) {
	d, err := parseIOSXEDir("Directory of " + strings.Repeat("x", 100) + ":/\n  1 -rw- 5 Nov 20 2025 10:01:22 +00:00 a.bin\n")
	require.NoError(t, err)
	require.Equal(t, []dirEntry{{Name: "a.bin", Size: 5, Perms: "-rw-"}}, d.Entries)
}

func TestVerifyThousandsOfDotsWithoutNewline(t *testing.T) {
	hex := strings.Repeat("ab", 64)
	in := strings.Repeat(".", 1<<20) + "Done!\r\n" + "verify /sha512 (bootflash:x.bin) = " + strings.ToUpper(hex) + "\r\n"
	h, err := ParseIOSXEVerify(in)
	require.NoError(t, err)
	require.Equal(t, "bootflash:x.bin", h.File)
	require.Equal(t, hex, h.SHA512)

	_, err = ParseIOSXEVerify(strings.Repeat(".", 1<<20))
	require.ErrorIs(t, err, ErrVerify)
	_, err = ParseIOSXEVerify("verify /sha512 (bootflash:x.bin) = " + strings.Repeat("g", 128))
	require.ErrorIs(t, err, ErrVerify)
}

// bigInput returns a show version of about n bytes: the ISR fixture with
// filler lines, so the parser has to walk all of it.
func bigInput(tb testing.TB, base string, n int) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString(base)
	for b.Len() < n {
		b.WriteString("Smart Licensing Status: Registration Not Applicable/Not Applicable\n")
	}
	return b.String()
}

func BenchmarkParseIOSXEShowVersion(b *testing.B) {
	base := readFixture(b, "show-version-isr4331")
	cases := []struct {
		name string
		in   string
	}{
		{"isr4331", base},
		{"1MB-line", base + strings.Repeat("x", 1<<20) + "\n"},
		{"1MB", bigInput(b, base, 1<<20)},
		{"10MB", bigInput(b, base, 10<<20)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parseIOSXEShowVersion(c.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseIOSXEDir(b *testing.B) {
	base := readFixture(b, "dir-bootflash")
	for _, n := range []int{1 << 20, 10 << 20} {
		in := bigInput(b, base, n)
		b.Run(fmt.Sprintf("%dMB", n>>20), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := parseIOSXEDir(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
