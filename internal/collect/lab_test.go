package collect_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh/knownhosts"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
)

const labFleet = `
devices:
  - name: lab-rtr-1
    platform: cisco_iosxe
    model: C9300-48P
    os_version: 17.09.04a
    rommon: 17.9.1r[FC2]
    image: cat9k_iosxe.17.09.04a.SPA.bin
    boot: [bootflash:cat9k_iosxe.17.09.04a.SPA.bin]
  - name: lab-rtr-2
    platform: cisco_iosxe
    model: C9300-48P
    os_version: 17.06.05
    rommon: 17.6.1r[FC2]
    image: cat9k_iosxe.17.06.05.SPA.bin
    boot: [bootflash:cat9k_iosxe.17.06.05.SPA.bin]
`

func startLab(t testing.TB) *lab.Lab {
	t.Helper()
	return labtest.StartFleet(t, labtest.Fleet(t, labFleet), lab.Options{})
}

// pinLab writes a known_hosts with every lab device's key and opens it.
func pinLab(t testing.TB, l *lab.Lab, policy hostkey.Policy) *hostkey.Store {
	t.Helper()
	var b strings.Builder
	for _, d := range l.Devices() {
		b.WriteString(knownhosts.Line([]string{knownhosts.Normalize(d.Addr())}, d.HostKey()) + "\n")
	}
	path := filepath.Join(t.TempDir(), "known_hosts")
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
	s, err := hostkey.Open(path, policy)
	require.NoError(t, err)
	return s
}

func labTarget(t testing.TB, d *lab.Device, hk *hostkey.Store) collect.Target {
	host, port, err := net.SplitHostPort(d.Addr())
	require.NoError(t, err)
	p, err := strconv.Atoi(port)
	require.NoError(t, err)
	return collect.Target{
		Name: d.Name(), Address: host, Port: p,
		Username: lab.DefaultUsername, Password: lab.DefaultPassword, EnableSecret: lab.DefaultEnableSecret,
		Platform: platform.CiscoIOSXE, HostKeys: hk,
		ConnectTimeout: 5 * time.Second, CommandTimeout: 10 * time.Second,
	}
}

func TestCollectSSHLab(t *testing.T) {
	l := startLab(t)
	hk := pinLab(t, l, hostkey.Strict)
	for _, d := range l.Devices() {
		t.Run(d.Name(), func(t *testing.T) {
			res, err := collect.CollectSSH(t.Context(), labTarget(t, d, hk), nil)
			require.NoError(t, err)
			for _, cmd := range platform.CiscoIOSXE.Commands {
				require.NotEmpty(t, strings.TrimSpace(res.Outputs[cmd]), "output of %q", cmd)
				if cmd == "show install summary" && !d.Spec().InstallMode {
					continue // bundle mode has no install summary: the parser reads that answer as unsupported
				}
				require.NotContains(t, res.Outputs[cmd], "% Invalid input", "%q ran at privilege 15 after enable", cmd)
			}
			require.Contains(t, res.Outputs["show version"], d.Spec().OSVersion)
			require.Equal(t, hostkey.Fingerprint(d.HostKey()), res.HostKeySHA256)
			for _, c := range res.Commands {
				t.Logf("%-60q %6d bytes %v", c.Command, c.Bytes, c.Duration)
			}
			f, err := platform.CiscoIOSXE.Parse(res.Outputs)
			require.NoError(t, err)
			for _, cmd := range platform.CiscoIOSXE.FollowUp(f) {
				require.Contains(t, res.Outputs, cmd, "follow-up ran")
			}
		})
	}
}

func TestCollectSSHLabPrivilegedNeedsEnable(t *testing.T) {
	l := startLab(t)
	d := l.Devices()[0]
	tg := labTarget(t, d, pinLab(t, l, hostkey.Strict))
	tg.EnableSecret = "not-the-secret"
	_, err := collect.CollectSSH(t.Context(), tg, nil)
	require.ErrorIs(t, err, collect.ErrPrivilege)
}

func TestCollectSSHLabRefusals(t *testing.T) {
	l := startLab(t)
	d := l.Devices()[0]

	t.Run("wrong-password", func(t *testing.T) {
		tg := labTarget(t, d, pinLab(t, l, hostkey.Strict))
		tg.Password = "wrong"
		_, err := collect.CollectSSH(t.Context(), tg, nil)
		require.ErrorIs(t, err, collect.ErrAuth)
	})
	t.Run("unknown-host-strict", func(t *testing.T) {
		hk, err := hostkey.Open(filepath.Join(t.TempDir(), "known_hosts"), hostkey.Strict)
		require.NoError(t, err)
		before := d.AuthAttempts()
		res, err := collect.CollectSSH(t.Context(), labTarget(t, d, hk), nil)
		require.ErrorIs(t, err, hostkey.ErrHostKeyUnknown)
		require.Equal(t, before, d.AuthAttempts(), "no credentials sent")
		require.Equal(t, hostkey.Fingerprint(d.HostKey()), res.HostKeySHA256)
	})
	t.Run("tofu-pins-then-succeeds", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "state", "known_hosts")
		for i := range 2 {
			hk, err := hostkey.Open(path, hostkey.TOFU)
			require.NoError(t, err)
			_, err = collect.CollectSSH(t.Context(), labTarget(t, d, hk), nil)
			require.NoError(t, err, "run %d", i)
		}
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		require.Equal(t, 1, strings.Count(string(b), "\n"), "pinned once")
	})
	t.Run("host-key-changed", func(t *testing.T) { // last: it rotates the key
		hk := pinLab(t, l, hostkey.TOFU)
		old := d.HostKey()
		d.RotateHostKey()
		before := d.AuthAttempts()
		res, err := collect.CollectSSH(t.Context(), labTarget(t, d, hk), nil)
		require.ErrorIs(t, err, hostkey.ErrHostKeyChanged)
		require.Equal(t, before, d.AuthAttempts(), "no credentials sent to a changed key")
		require.Equal(t, hostkey.Fingerprint(d.HostKey()), res.HostKeySHA256)
		require.Contains(t, err.Error(), hostkey.Fingerprint(old))
	})
}

func TestCollectSSHLabCancel(t *testing.T) {
	l := startLab(t)
	d := l.Devices()[0]
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := collect.CollectSSH(ctx, labTarget(t, d, pinLab(t, l, hostkey.Strict)), nil)
	require.ErrorIs(t, err, context.Canceled)
}

func BenchmarkCollectSSH(b *testing.B) {
	l := startLab(b)
	d := l.Devices()[0]
	tg := labTarget(b, d, pinLab(b, l, hostkey.Strict))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := collect.CollectSSH(b.Context(), tg, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCollectSSHFleet collects from every device of the shared fleet file at
// once, as a sweep does, and checks each got its own version.
func TestCollectSSHFleet(t *testing.T) {
	if testing.Short() {
		t.Skip("fleet collection is slow; run without -short")
	}
	l := labtest.Start(t, "../../testdata/lab/fleet.yaml")
	hk := pinLab(t, l, hostkey.Strict)
	devs := l.Devices()
	results := make([]collect.SSHResult, len(devs))
	errs := make([]error, len(devs))
	var wg sync.WaitGroup
	for i, d := range devs {
		tg := labTarget(t, d, hk) // require must run on the test goroutine
		if d.Spec().Platform == platform.CiscoASA.Name {
			tg.Platform = platform.CiscoASA
		}
		wg.Go(func() { results[i], errs[i] = collect.CollectSSH(t.Context(), tg, nil) })
	}
	wg.Wait()
	for i, d := range devs {
		require.NoError(t, errs[i], d.Name())
		v := d.Spec().OSVersion
		if p := strings.Split(v, "."); d.Spec().Platform == platform.CiscoASA.Name && len(p) == 4 {
			v = p[0] + "." + p[1] + "(" + p[2] + ")" + p[3] // the ASA prints 9.16(4)85
		}
		require.Contains(t, results[i].Outputs["show version"], v, d.Name())
		require.Equal(t, hostkey.Fingerprint(d.HostKey()), results[i].HostKeySHA256, d.Name())
	}
}

// TestCollectSSHLabKnownHostsFile checks the known_hosts the lab writes for
// its inventory is one our strict store accepts.
func TestCollectSSHLabKnownHostsFile(t *testing.T) {
	l := startLab(t)
	dir := t.TempDir()
	require.NoError(t, l.WriteInventory(dir))
	hk, err := hostkey.Open(filepath.Join(dir, "known_hosts"), hostkey.Strict)
	require.NoError(t, err)
	for _, d := range l.Devices() {
		_, err := collect.CollectSSH(t.Context(), labTarget(t, d, hk), nil)
		require.NoError(t, err, d.Name())
	}
}
