package collect_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/platform"
	"golang.org/x/crypto/ssh/knownhosts"
	"net"
	"os"
	"strconv"
)

// testPlatform is IOS XE's scrapli definition with a small command set and a
// follow-up that depends on what the first commands revealed.
var testPlatform = platform.Platform{
	Name:            "test",
	ScrapliPlatform: "cisco_iosxe",
	Commands:        []string{"show version", "show privileged", "show nonsense"},
	Parse: func(out platform.Outputs) (facts.Facts, error) {
		var f facts.Facts
		if strings.Contains(out["show version"], fakeVersion) {
			f.OSVersion = fakeVersion
		}
		return f, nil
	},
	FollowUp: func(f facts.Facts) []string {
		if f.OSVersion == "" {
			return nil
		}
		return []string{"terminal length 0"}
	},
}

func pinned(t *testing.T, d *fakeDevice) *hostkey.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "known_hosts")
	line := knownhosts.Line([]string{knownhosts.Normalize(d.addr)}, d.key.PublicKey())
	require.NoError(t, os.WriteFile(path, []byte(line+"\n"), 0o600))
	s, err := hostkey.Open(path, hostkey.Strict)
	require.NoError(t, err)
	return s
}

func fakeTarget(t *testing.T, d *fakeDevice, hk *hostkey.Store) collect.Target {
	host, port, err := net.SplitHostPort(d.addr)
	require.NoError(t, err)
	p, err := strconv.Atoi(port)
	require.NoError(t, err)
	return collect.Target{
		Name: "fake1", Address: host, Port: p,
		Username: fakeUser, Password: fakePassword, EnableSecret: fakeEnable,
		Platform: testPlatform, HostKeys: hk,
		ConnectTimeout: 5 * time.Second, CommandTimeout: 5 * time.Second,
	}
}

func TestCollectSSHFake(t *testing.T) {
	d := startFakeDevice(t, false)
	res, err := collect.CollectSSH(t.Context(), fakeTarget(t, d, pinned(t, d)), nil)
	require.NoError(t, err)
	require.Contains(t, res.Outputs["show version"], "Version "+fakeVersion)
	require.Equal(t, "privileged ok", res.Outputs["show privileged"], "enable raised the privilege")
	require.Contains(t, res.Outputs["show nonsense"], "% Invalid input", "device errors are output, not failures")
	require.Contains(t, res.Outputs, "terminal length 0", "follow-up ran")
	require.Equal(t, hostkey.Fingerprint(d.key.PublicKey()), res.HostKeySHA256)
	require.True(t, strings.HasPrefix(res.HostKeySHA256, "SHA256:"))
	require.Len(t, res.Commands, 4)
	require.True(t, res.Commands[2].Failed)
}

func TestCollectSSHHostileFake(t *testing.T) {
	t.Run("hang-after-login", func(t *testing.T) {
		d := startFakeDevice(t, true)
		tg := fakeTarget(t, d, pinned(t, d))
		tg.CommandTimeout = 300 * time.Millisecond
		_, err := collect.CollectSSH(t.Context(), tg, nil)
		require.ErrorIs(t, err, collect.ErrTimeout)
	})
	t.Run("hang-after-login-ctx-deadline", func(t *testing.T) {
		d := startFakeDevice(t, true)
		ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
		defer cancel()
		_, err := collect.CollectSSH(ctx, fakeTarget(t, d, pinned(t, d)), nil)
		require.ErrorIs(t, err, collect.ErrTimeout)
		require.ErrorIs(t, err, context.DeadlineExceeded)
	})
	t.Run("command-hangs-ctx-cancel", func(t *testing.T) {
		d := startFakeDevice(t, false)
		tg := fakeTarget(t, d, pinned(t, d))
		tg.Platform.Commands = []string{"show version", "show hang"}
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(500*time.Millisecond, cancel)
		res, err := collect.CollectSSH(ctx, tg, nil)
		require.ErrorIs(t, err, context.Canceled)
		require.ErrorContains(t, err, `run "show hang"`)
		require.Contains(t, res.Outputs["show version"], fakeVersion, "what was collected is kept")
	})
	t.Run("command-hangs-timeout", func(t *testing.T) {
		d := startFakeDevice(t, false)
		tg := fakeTarget(t, d, pinned(t, d))
		tg.Platform.Commands = []string{"show hang"}
		tg.CommandTimeout = 300 * time.Millisecond
		_, err := collect.CollectSSH(t.Context(), tg, nil)
		require.ErrorIs(t, err, collect.ErrTimeout)
	})
	t.Run("endless-output", func(t *testing.T) {
		d := startFakeDevice(t, false)
		tg := fakeTarget(t, d, pinned(t, d))
		tg.Platform.Commands = []string{"show flood"}
		tg.MaxOutputBytes = 1 << 20
		_, err := collect.CollectSSH(t.Context(), tg, nil)
		require.ErrorIs(t, err, collect.ErrOutputTooLarge)
		// Back-pressure: the device could write the budget plus what SSH
		// flow control and the pump buffer admit, not more.
		require.Less(t, d.flooded.Load(), int64(tg.MaxOutputBytes+4<<20))
	})
}

func TestCollectSSHRefusesBeforeAuth(t *testing.T) {
	d := startFakeDevice(t, false)
	t.Run("unknown-strict", func(t *testing.T) {
		hk, err := hostkey.Open(filepath.Join(t.TempDir(), "known_hosts"), hostkey.Strict)
		require.NoError(t, err)
		before := d.attempts.Load()
		res, err := collect.CollectSSH(t.Context(), fakeTarget(t, d, hk), nil)
		require.ErrorIs(t, err, hostkey.ErrHostKeyUnknown)
		require.Equal(t, before, d.attempts.Load())
		require.Equal(t, hostkey.Fingerprint(d.key.PublicKey()), res.HostKeySHA256)
	})
	t.Run("wrong-password", func(t *testing.T) {
		tg := fakeTarget(t, d, pinned(t, d))
		tg.Password = "nope"
		_, err := collect.CollectSSH(t.Context(), tg, nil)
		require.ErrorIs(t, err, collect.ErrAuth)
		require.NotContains(t, err.Error(), "nope")
	})
	t.Run("connection-refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := ln.Addr().(*net.TCPAddr)
		require.NoError(t, ln.Close())
		tg := fakeTarget(t, d, pinned(t, d))
		tg.Port = addr.Port
		_, err = collect.CollectSSH(t.Context(), tg, nil)
		require.ErrorIs(t, err, collect.ErrConnect)
		require.False(t, errors.Is(err, collect.ErrAuth))
	})
}

func TestCollectSSHWrongEnableSecret(t *testing.T) {
	d := startFakeDevice(t, false)
	tg := fakeTarget(t, d, pinned(t, d))
	tg.EnableSecret = "wrong"
	_, err := collect.CollectSSH(t.Context(), tg, nil)
	require.ErrorIs(t, err, collect.ErrPrivilege)
	require.NotContains(t, err.Error(), "wrong")
}
