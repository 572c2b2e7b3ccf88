package sweep_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"

	"fwaudit/internal/inventory"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/sweep"
	"fwaudit/internal/testpeer"
)

// TestSweepSystemTransport sweeps lab devices with ssh.transport: system
// (OpenSSH's ssh, key auth, hermetic HOME and -F config): they are audited
// like over the native transport, with the same host key fingerprint.
func TestSweepSystemTransport(t *testing.T) {
	testpeer.OpenSSH(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("SSH_AUTH_SOCK", "")
	cfg := filepath.Join(home, "ssh_config")
	require.NoError(t, os.WriteFile(cfg, nil, 0o600))
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	block, err := ssh.MarshalPrivateKey(priv, "")
	require.NoError(t, err)
	keyFile := filepath.Join(home, "id_ed25519")
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(block), 0o600))
	sp, err := ssh.NewPublicKey(pub)
	require.NoError(t, err)

	f, err := lab.LoadFleet(fleetFile)
	require.NoError(t, err)
	l := labtest.StartFleet(t, f.Synthetic(3), lab.Options{AuthorizedKeys: []string{strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp)))}})
	devs := inventoryOf(t, l)
	native := sweep.Run(context.Background(), devs, sweep.Options{Workers: 3, Baselines: loadBaselines(t)})
	for i := range devs {
		devs[i].SSH.Transport, devs[i].SSH.Config = inventory.TransportSystem, cfg
		devs[i].Credentials.Password, devs[i].Credentials.KeyFile = inventory.Secret{}, keyFile
	}
	res := sweep.Run(context.Background(), devs, sweep.Options{Workers: 3, Baselines: loadBaselines(t), CommandTimeout: 10 * time.Second})
	for i, r := range res {
		require.NoError(t, r.Err, r.Device.Name)
		require.NotEmpty(t, r.Facts.Model)
		require.Equal(t, native[i].Facts.HostKeySHA256, r.Facts.HostKeySHA256)
		require.Equal(t, native[i].Facts.ROMMON, r.Facts.ROMMON)
		require.Len(t, r.Findings, len(native[i].Findings))
	}
}
