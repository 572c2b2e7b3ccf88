package collect

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestStripPrompt(t *testing.T) {
	ios := regexp.MustCompile(`(?im)^[\w.\-@/:]{1,63}>$|(?im)^[\w.\-@/:]{1,63}#$`)
	junos := regexp.MustCompile(`(?im)^({\w+:\d}\n){0,1}[\w\-@()/:\.]{1,63}>\s?$`)
	for _, tc := range []struct {
		name, out, want string
		re              *regexp.Regexp
	}{
		{"prompt after output", "Cisco IOS XE Software\nuptime is 1 day\n\nr1#", "Cisco IOS XE Software\nuptime is 1 day", ios},
		{"only the prompt", "r1#", "", ios},
		{"prompt-like line kept", "Directory of flash:/\nbackup#\nr1#", "Directory of flash:/\nbackup#", ios},
		{"two-line junos prompt", "Hostname: mx1\n{master:0}\nadmin@mx1>", "Hostname: mx1", junos},
		{"one-line junos prompt", "Hostname: mx1\nadmin@mx1>", "Hostname: mx1", junos},
		{"no prompt", "output without prompt\nlast line", "output without prompt\nlast line", ios},
		{"empty", "", "", ios},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, stripPrompt(tc.out, tc.re))
		})
	}
}
