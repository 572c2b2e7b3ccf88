package lab_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

const hostileFleet = `
defaults: {model: C9300-48P, rommon: "17.9.1r[FC2]", image: a.bin}
devices:
  - {name: r1, hostile: %s, hostile_delay: 10ms}
`

func TestHostileFleetField(t *testing.T) {
	for _, m := range lab.HostileModes {
		t.Run(string(m), func(t *testing.T) {
			f := labtest.Fleet(t, strings.Replace(hostileFleet, "%s", string(m), 1))
			require.Equal(t, m, f.Resolved(0).Hostile)
			require.Equal(t, 10*time.Millisecond, f.Resolved(0).HostileDelay)
		})
	}
	_, err := lab.ParseFleet("bad.yaml", []byte(strings.Replace(hostileFleet, "%s", "sneaky", 1)))
	require.ErrorContains(t, err, `bad.yaml:4: hostile: "sneaky" is not one of endless-output, hang-after-auth`)
}

// TestHostileExec runs one command per mode over exec (no PTY, no
// scrapligo): what the raw bytes look like.
func TestHostileExec(t *testing.T) {
	tests := []struct {
		mode  lab.Hostile
		check func(t *testing.T, out []byte, err error)
	}{
		{lab.HostileANSINUL, func(t *testing.T, out []byte, err error) {
			require.NoError(t, err)
			require.Contains(t, string(out), "\x1b]0;pwned\x07")
			require.Contains(t, string(out), "\x00")
		}},
		{lab.HostileLongLines, func(t *testing.T, out []byte, err error) {
			require.NoError(t, err)
			first, _, _ := strings.Cut(string(out), "\n")
			require.Greater(t, len(first), 1<<20)
		}},
		{lab.HostileNearCap, func(t *testing.T, out []byte, err error) {
			require.NoError(t, err)
			require.Greater(t, len(out), 8<<20-128<<10)
			require.Less(t, len(out), 8<<20)
			require.Contains(t, string(out), "Configuration register")
		}},
		{lab.HostileDisconnect, func(t *testing.T, out []byte, err error) {
			require.NotContains(t, string(out), "Configuration register")
		}},
	}
	for _, tc := range tests {
		t.Run(string(tc.mode), func(t *testing.T) {
			f := labtest.Fleet(t, strings.Replace(hostileFleet, "%s", string(tc.mode), 1))
			l := labtest.StartFleet(t, f, lab.Options{})
			c, err := ssh.Dial("tcp", l.Devices()[0].Addr(), &ssh.ClientConfig{
				User: lab.DefaultUsername, Auth: []ssh.AuthMethod{ssh.Password(lab.DefaultPassword)},
				HostKeyCallback: ssh.FixedHostKey(l.Devices()[0].HostKey()), Timeout: 5 * time.Second,
			})
			require.NoError(t, err)
			defer c.Close()
			s, err := c.NewSession()
			require.NoError(t, err)
			out, err := s.Output("show version")
			tc.check(t, out, err)
		})
	}
}

// TestHostileVerifyError: the device refuses to hash its image and answers
// every other command as usual.
func TestHostileVerifyError(t *testing.T) {
	f := labtest.Fleet(t, strings.Replace(hostileFleet, "%s", string(lab.HostileVerifyError), 1))
	l := labtest.StartFleet(t, f, lab.Options{})
	c, err := ssh.Dial("tcp", l.Devices()[0].Addr(), &ssh.ClientConfig{
		User: lab.DefaultUsername, Auth: []ssh.AuthMethod{ssh.Password(lab.DefaultPassword)},
		HostKeyCallback: ssh.FixedHostKey(l.Devices()[0].HostKey()), Timeout: 5 * time.Second,
	})
	require.NoError(t, err)
	defer c.Close()
	run := func(cmd string) string {
		s, err := c.NewSession()
		require.NoError(t, err)
		defer s.Close()
		out, err := s.Output(cmd)
		require.NoError(t, err)
		return string(out)
	}
	out := run("verify /sha512 bootflash:a.bin")
	require.True(t, strings.HasPrefix(out, "%Error verifying bootflash:a.bin"), out)
	require.NotContains(t, out, "= ")
	require.Contains(t, run("show version"), "a.bin")
}
