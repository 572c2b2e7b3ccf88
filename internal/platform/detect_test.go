package platform

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDetectCorpus detects every real show version of the corpus and every
// hand-written one, by the folder it sits in.
func TestDetectCorpus(t *testing.T) {
	folders := map[string]string{
		"testdata/corpus/cisco_nxos/show_version/*.raw":            "cisco_nxos",
		"testdata/corpus/cisco_xr/show_version/*.raw":              "cisco_iosxr",
		"testdata/corpus/cisco_xr/show_version_brief/*.raw":        "cisco_iosxr",
		"testdata/corpus/arista_eos/show_version/*.raw":            "arista_eos",
		"testdata/corpus/juniper_junos/show_version/*.raw":         "juniper_junos",
		"testdata/cisco_iosxe/show-version-isr4331.txt":            "cisco_iosxe",
		"testdata/cisco_iosxe/show-version-c9300-rom-bootldr*.txt": "cisco_iosxe",
		"testdata/arista_eos/show-version-detail-*.txt":            "arista_eos",
		"testdata/corpus/cisco_asa/show_version/*.raw":             "cisco_asa",
		"testdata/cisco_asa/show-version-*.txt":                    "cisco_asa",
	}
	n := 0
	for pattern, want := range folders {
		paths, err := filepath.Glob(pattern)
		require.NoError(t, err)
		require.NotEmpty(t, paths, pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			require.NoError(t, err)
			got, ok := Detect(string(b))
			require.True(t, ok, p)
			require.Equal(t, want, got, p)
			n++
		}
	}
	t.Logf("%d outputs detected", n)
}

func TestDetectCiscoIOSCorpus(t *testing.T) {
	// ntc files IOS and IOS XE outputs together; an IOS XE marker must win.
	paths, err := filepath.Glob("testdata/corpus/cisco_ios/show_version/*.raw")
	require.NoError(t, err)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		got, ok := Detect(string(b))
		require.True(t, ok, p)
		require.Contains(t, []string{"cisco_ios", "cisco_iosxe"}, got, p)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"classic-ios", "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.7(3)M2, RELEASE SOFTWARE (fc1)\nROM: System Bootstrap, Version 15.0(1r)M15\n", "cisco_ios", true},
		{"iosxe-wins-over-ios-line", "Cisco IOS XE Software, Version 17.09.04a\nCisco IOS Software [Cupertino], Version 17.9.4a\n", "cisco_iosxe", true},
		{"empty", "", "", false},
		{"garbage", "\x1b[31mhello\x00\n", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Detect(tc.in)
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.want, got)
		})
	}
}

// TestPromptsTellPlatformsApart: which descriptors' Detection.Prompt
// match a prompt (hand-written prompts in the shapes of the scrapligo
// platform definitions): IOS XR's and Junos's are their own, Cisco IOS,
// IOS XE, NX-OS, EOS and the ASA look alike; the ASA's context and
// failover prompts (fw/admin#, pri/act/fw#) are its own, its config prompt
// is nobody's.
func TestPromptsTellPlatformsApart(t *testing.T) {
	alike := []string{"arista_eos", "cisco_asa", "cisco_ios", "cisco_iosxe", "cisco_nxos"}
	for prompt, want := range map[string][]string{
		"RP/0/RSP0/CPU0:rtr-01#": {"cisco_iosxr"}, "RP/0/RP0/CPU0:ncs-1#": {"cisco_iosxr"},
		"admin@mx1>": {"juniper_junos"}, "admin@mx1.lab#": {"juniper_junos"},
		"sw1#": alike, "r1>": alike, "": nil, "not a prompt at all": nil, "RP/0/RP0/CPU0:r1>": nil,
		"fw1/admin#": {"cisco_asa"}, "pri/act/asa-1#": {"cisco_asa"}, "fw1(config)#": nil,
	} {
		var got []string
		for _, c := range prompts {
			if c.re.MatchString(prompt) {
				got = append(got, c.name)
			}
		}
		slices.Sort(got)
		require.Equal(t, want, got, prompt)
	}
}

// TestPromptPattern: the generic session's prompt matches the prompt of
// every registered platform, at the end of what the device printed, and
// not a line of output.
func TestPromptPattern(t *testing.T) {
	re := regexp.MustCompile(PromptPattern())
	for _, prompt := range []string{"sw1#", "r1>", "RP/0/RP0/CPU0:r1#", "admin@mx1>", "leaf-01.dc1#"} {
		require.True(t, re.MatchString("show version\n"+prompt), prompt)
	}
	for _, line := range []string{"Cisco IOS XE Software, Version 17.09.04a", "Junos: 21.4R3-S3.4", "  BIOS: version 07.71"} {
		require.False(t, re.MatchString(line), line)
	}
}

func FuzzDetect(f *testing.F) {
	platformFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, in string) {
		if p, ok := Detect(in); ok {
			if _, err := Lookup(p); err != nil {
				t.Fatalf("detected unregistered platform %q", p)
			}
		}
	})
}
