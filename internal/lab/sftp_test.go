package lab_test

import (
	"crypto/sha512"
	"encoding/hex"
	"io"
	"testing"

	"github.com/pkg/sftp"
	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

func TestSFTP_StreamsImageForOffboxHash(t *testing.T) {
	l := labtest.Start(t, fleetPath)
	d := l.Device("fra-acc-sw-03")
	c, err := sftp.NewClient(dial(t, d))
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })

	for _, p := range []string{"bootflash:cat9k_iosxe.17.09.04a.SPA.bin", "/bootflash:/cat9k_iosxe.17.09.04a.SPA.bin"} {
		f, err := c.Open(p)
		require.NoError(t, err, p)
		h := sha512.New()
		n, err := io.Copy(h, f)
		require.NoError(t, err)
		require.NoError(t, f.Close())
		require.Equal(t, int64(8388608), n)
		require.Equal(t, d.Spec().Files[0].Seed, "cat9k_iosxe.17.09.04a.SPA.bin+implant")
		require.Equal(t, lab.ImageSHA512(d.Spec().Files[0].Seed, n), hex.EncodeToString(h.Sum(nil)))
	}
	st, err := c.Stat("bootflash:cat9k_iosxe.17.09.04a.SPA.bin")
	require.NoError(t, err)
	require.Equal(t, int64(8388608), st.Size())
	_, err = c.Open("bootflash:nope.bin")
	require.Error(t, err)
	_, err = c.Create("bootflash:evil.bin")
	require.Error(t, err, "the lab's bootflash is read-only")
	list, err := c.ReadDir("bootflash:")
	require.NoError(t, err)
	require.Len(t, list, 1)
}
