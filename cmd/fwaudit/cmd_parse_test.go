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
		{"unparseable", []string{"parse", "--platform", "arista_eos"}, strings.NewReader("\x1b[2J\x00garbage\n"), exitUsage,
			[]string{"no Software image version line"}},
		{"unknown-platform", []string{"parse", "--platform", "cisco_ftd", "testdata/parse/nxos-show-version.txt"}, nil, exitUsage,
			[]string{"unknown platform"}},
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
