package collect_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

func TestCollectSSHLabKeyFile(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	block, err := ssh.MarshalPrivateKey(priv, "")
	require.NoError(t, err)
	keyFile := filepath.Join(t.TempDir(), "id_ed25519")
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600))
	sshPub, err := ssh.NewPublicKey(pub)
	require.NoError(t, err)
	authorized := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sshPub)))

	l := labtest.StartFleet(t, labtest.Fleet(t, labFleet+"    authorized_keys: [\""+authorized+"\"]\n"), lab.Options{})
	d := l.Device("lab-rtr-2")
	tg := labTarget(t, d, pinLab(t, l, hostkey.Strict))
	tg.Password, tg.KeyFile = "", keyFile
	res, err := collect.CollectSSH(t.Context(), tg, nil)
	require.NoError(t, err)
	require.Contains(t, res.Outputs["show version"], d.Spec().OSVersion)

	// The same key is refused by a device that does not authorize it.
	tg = labTarget(t, l.Device("lab-rtr-1"), pinLab(t, l, hostkey.Strict))
	tg.Password, tg.KeyFile = "", keyFile
	_, err = collect.CollectSSH(t.Context(), tg, nil)
	require.ErrorIs(t, err, collect.ErrAuth)
}

// TestCollectSSHNoLeak checks that a finished collection leaves no
// goroutines behind (pump, scrapligo read loop, SSH mux), also after a
// refused key and a budget overrun.
func TestCollectSSHNoLeak(t *testing.T) {
	l := startLab(t)
	d := l.Devices()[0]
	f := startFakeDevice(t, false)
	good := labTarget(t, d, pinLab(t, l, hostkey.Strict))
	flood := fakeTarget(t, f, pinned(t, f))
	flood.Platform.Commands, flood.MaxOutputBytes = []string{"show flood"}, 64<<10
	unknown := good
	unknown.HostKeys = pinned(t, f)                   // pins another device's key only
	_, _ = collect.CollectSSH(t.Context(), good, nil) // warm up lazily started runtime goroutines
	before := runtime.NumGoroutine()
	for range 5 {
		_, err := collect.CollectSSH(t.Context(), good, nil)
		require.NoError(t, err)
		_, err = collect.CollectSSH(t.Context(), flood, nil)
		require.ErrorIs(t, err, collect.ErrOutputTooLarge)
		_, err = collect.CollectSSH(t.Context(), unknown, nil)
		require.ErrorIs(t, err, hostkey.ErrHostKeyUnknown)
	}
	require.Eventually(t, func() bool { return runtime.NumGoroutine() <= before+2 }, 5*time.Second, 20*time.Millisecond,
		"goroutines: before %d, now %d", before, runtime.NumGoroutine())
}
