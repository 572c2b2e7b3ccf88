package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		stdin    io.Reader
		exit     int
		contains []string
	}{
		{"nxos-show-version", []string{"parse", "--platform", "cisco_nxos", "testdata/parse/nxos-show-version.txt"}, nil, exitOK,
			[]string{`"component": "BIOS"`, `"version": "08.40"`, `"image": "bootflash:///nxos.9.3.15.bin"`}},
		{"detected-from-show-version", []string{"parse", "testdata/parse/nxos-show-version.txt"}, nil, exitOK,
			[]string{`"os_version": "9.3(15)"`}},
		{"junos-firmware-stdin", []string{"parse", "--platform", "juniper_junos", "--command", "show chassis firmware", "-"},
			strings.NewReader("Part                     Type       Version\nFPC 0                    ROM        Juniper ROM Monitor Version 13.1b24\n"),
			exitOK, []string{`"component": "FPC 0"`, `"version": "13.1b24"`}},
		{"biv-signed", []string{"parse", "--platform", "cisco_iosxe", "--command", "show platform integrity sign nonce 1", "testdata/parse/isr4k-show-plat-int-sign-nonce.txt"}, nil, exitOK,
			[]string{`"nonce": "1"`, `"pcr0": "2D42A273E4C475B8D53A42A667599549ABE6028EC062EF15DEB15A12B41B0EA9"`, `"loader_version": "16.2(2r)"`}},
		{"biv-as-typed", []string{"parse", "--platform", "cisco_iosxe", "--command", "show platform integrity", "testdata/parse/isr4k-show-plat-int-sign-nonce.txt"}, nil, exitOK,
			[]string{`"pcr8": "6ADD719956CB838DE94AD850529EE77AF7A5222C05FE990E463D896498F37209"`}},
		{"unparseable", []string{"parse", "--platform", "arista_eos"}, strings.NewReader("\x1b[2J\x00garbage\n"), exitUsage,
			[]string{"no Software image version line"}},
		{"unknown-platform", []string{"parse", "--platform", "cisco_ftd", "testdata/parse/nxos-show-version.txt"}, nil, exitUsage,
			[]string{"unknown platform"}},
		{"ios-show-boot-empty-path-list", []string{"parse", "--platform", "cisco_ios", "--command", "show boot", "testdata/parse/ios-show-boot-empty-path-list.txt"},
			nil, exitOK, []string{`"system": null`}},
		{"iosxe-show-bootvar-empty", []string{"parse", "--platform", "cisco_iosxe", "--command", "show bootvar", "-"},
			strings.NewReader("BOOT variable =\nCONFIG_FILE variable =\nBOOTLDR variable =\n"), exitOK, []string{`"system": null`}},
		// hand-written inputs in the shapes of the platform package's fixtures (issue #14 commands)
		{"iosxe-show-install-summary", []string{"parse", "--platform", "cisco_iosxe", "--command", "show install summary", "-"},
			strings.NewReader("[ R0 ] Installed Package(s) Information:\nType  St   Filename/Version\nIMG   U    17.12.01.0.1444\n"),
			exitOK, []string{`"state": "U"`, `"name": "17.12.01.0.1444"`}},
		{"iosxe-show-romvar", []string{"parse", "--platform", "cisco_iosxe", "--command", "show romvar", "-"},
			strings.NewReader("ROMMON variables:\n BOOT = flash:packages.conf;\n"), exitOK, []string{`"name": "BOOT"`}},
		{"ios-show-inventory", []string{"parse", "--platform", "cisco_ios", "--command", "show inventory", "-"},
			strings.NewReader("NAME: \"Chassis\", DESCR: \"Cisco 2911 Chassis\"\nPID: CISCO2911/K9      , VID: V05 , SN: FTX0000A0AA\n"),
			exitOK, []string{`"model": "CISCO2911/K9"`, `"serial": "FTX0000A0AA"`}},
		{"command-not-parsed", []string{"parse", "--platform", "cisco_nxos", "--command", "show clock", "testdata/parse/nxos-show-version.txt"}, nil, exitUsage,
			[]string{"does not parse"}},
		{"missing-file", []string{"parse", "--platform", "cisco_nxos", "testdata/parse/nope.txt"}, nil, exitUsage, nil},
		{"too-large", []string{"parse", "--platform", "cisco_nxos", "-"}, io.LimitReader(zeros{}, maxParseInput+1), exitUsage,
			[]string{"input too large"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			root, _ := newRootCommand(&stdout, &stderr)
			root.SetArgs(tc.args)
			if tc.stdin != nil {
				root.SetIn(tc.stdin)
			}
			err := root.Execute()
			require.Equal(t, tc.exit, exitCode(err), "err: %v", err)
			all := stdout.String() + stderr.String()
			if err != nil {
				all += err.Error()
			}
			for _, s := range tc.contains {
				require.Contains(t, all, s)
			}
			if tc.exit == exitOK {
				var f facts.Facts
				require.NoError(t, json.Unmarshal(stdout.Bytes(), &f))
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
