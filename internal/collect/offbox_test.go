package collect_test

import (
	"crypto/md5" //nolint:gosec // comparing the legacy md5 we compute
	"crypto/sha512"
	"encoding/hex"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

const offboxFleet = `
devices:
  - name: img-sw-1
    platform: cisco_iosxe
    model: C9300-48P
    os_version: 17.09.04a
    rommon: 17.9.1r[FC2]
    image: cat9k_iosxe.17.09.04a.SPA.bin
    files:
      - {name: cat9k_iosxe.17.09.04a.SPA.bin, size: 1048583}
      - {name: tiny.bin, size: 1}
`

const imgName, imgSize = "cat9k_iosxe.17.09.04a.SPA.bin", 1048583

func hashTarget(t testing.TB, d *lab.Device, hk *hostkey.Store) collect.HashTarget {
	t.Helper()
	host, port, err := net.SplitHostPort(d.Addr())
	require.NoError(t, err)
	p, err := strconv.Atoi(port)
	require.NoError(t, err)
	return collect.HashTarget{Name: d.Name(), Address: host, Port: p,
		Username: lab.DefaultUsername, Password: lab.DefaultPassword, HostKeys: hk,
		ConnectTimeout: 5 * time.Second}
}

func newHasher(t testing.TB, o collect.HasherOptions) *collect.ImageHasher {
	t.Helper()
	h, err := collect.NewImageHasher(o)
	require.NoError(t, err)
	return h
}

func wantSums(seed string, size int64) (string, string) {
	s, m := sha512.New(), md5.New() //nolint:gosec // see import
	_, _ = io.Copy(io.MultiWriter(s, m), lab.ImageBytes(seed, size))
	return hex.EncodeToString(s.Sum(nil)), hex.EncodeToString(m.Sum(nil))
}

func TestImageHasher_StreamsOverEachProtocol(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, offboxFleet), lab.Options{})
	d := l.Device("img-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	wantSHA, wantMD5 := wantSums(imgName, imgSize)
	for _, proto := range []string{collect.ProtocolAuto, collect.ProtocolSFTP, collect.ProtocolSCP} {
		t.Run(proto, func(t *testing.T) {
			h := newHasher(t, collect.HasherOptions{Protocol: proto, MD5: true})
			got, err := h.Hash(t.Context(), hashTarget(t, d, hk), []collect.HashFile{
				{Path: "bootflash:" + imgName, MaxBytes: imgSize},
				{Path: "bootflash:tiny.bin", MaxBytes: 1},
			}, nil)
			require.NoError(t, err)
			require.Len(t, got, 2)
			require.Equal(t, wantSHA, got[0].SHA512)
			require.Equal(t, wantMD5, got[0].MD5)
			require.Equal(t, int64(imgSize), got[0].Size)
			tinySHA, _ := wantSums("tiny.bin", 1)
			require.Equal(t, tinySHA, got[1].SHA512)
			wantProto := proto
			if proto == collect.ProtocolAuto {
				wantProto = collect.ProtocolSFTP // the lab offers the subsystem
			}
			require.Equal(t, wantProto, got[0].Protocol)
		})
	}
}

func TestImageHasher_CutsAFileLargerThanExpected(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, offboxFleet), lab.Options{})
	d := l.Device("img-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	for _, proto := range []string{collect.ProtocolSFTP, collect.ProtocolSCP} {
		t.Run(proto, func(t *testing.T) {
			h := newHasher(t, collect.HasherOptions{Protocol: proto})
			// 512 KiB expected + the 64 KiB margin is less than the 1 MiB file.
			_, err := h.Hash(t.Context(), hashTarget(t, d, hk), []collect.HashFile{
				{Path: "bootflash:" + imgName, MaxBytes: 512 << 10}}, nil)
			require.ErrorIs(t, err, collect.ErrSizeExceeded)
		})
	}
}

func TestImageHasher_MissingFileIsAnError(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, offboxFleet), lab.Options{})
	d := l.Device("img-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	for _, proto := range []string{collect.ProtocolSFTP, collect.ProtocolSCP} {
		t.Run(proto, func(t *testing.T) {
			h := newHasher(t, collect.HasherOptions{Protocol: proto})
			_, err := h.Hash(t.Context(), hashTarget(t, d, hk), []collect.HashFile{{Path: "bootflash:nope.bin"}}, nil)
			require.Error(t, err)
			require.Contains(t, err.Error(), "bootflash:nope.bin")
		})
	}
}

func TestImageHasher_SavesAForensicCopyOnlyWhenAsked(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, offboxFleet), lab.Options{})
	d := l.Device("img-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	dir := filepath.Join(t.TempDir(), "evidence")
	h := newHasher(t, collect.HasherOptions{SaveDir: dir})
	got, err := h.Hash(t.Context(), hashTarget(t, d, hk), []collect.HashFile{{Path: "bootflash:" + imgName}}, nil)
	require.NoError(t, err)
	b, err := os.ReadFile(got[0].SavedAs)
	require.NoError(t, err)
	sum := sha512.Sum512(b)
	require.Equal(t, got[0].SHA512, hex.EncodeToString(sum[:]))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no partial files left behind")
	require.Equal(t, "img-sw-1_bootflash_"+imgName, entries[0].Name())
}

func TestImageHasher_RefusesChangedHostKeyBeforeAuth(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, offboxFleet), lab.Options{})
	d := l.Device("img-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	d.RotateHostKey()
	before := d.AuthAttempts()
	h := newHasher(t, collect.HasherOptions{})
	_, err := h.Hash(t.Context(), hashTarget(t, d, hk), []collect.HashFile{{Path: "bootflash:" + imgName}}, nil)
	require.ErrorIs(t, err, hostkey.ErrHostKeyChanged)
	require.Equal(t, before, d.AuthAttempts(), "no credentials offered to a changed key")
}

func TestImageHasher_RateLimitedStillHashesRight(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, offboxFleet), lab.Options{})
	d := l.Device("img-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	h := newHasher(t, collect.HasherOptions{BytesPerSecond: 64 << 20, Protocol: collect.ProtocolSCP})
	got, err := h.Hash(t.Context(), hashTarget(t, d, hk), []collect.HashFile{{Path: "bootflash:" + imgName}}, nil)
	require.NoError(t, err)
	want, _ := wantSums(imgName, imgSize)
	require.Equal(t, want, got[0].SHA512)
}

func TestNewImageHasher_RejectsBadOptions(t *testing.T) {
	_, err := collect.NewImageHasher(collect.HasherOptions{Protocol: "ftp"})
	require.Error(t, err)
	_, err = collect.NewImageHasher(collect.HasherOptions{BytesPerSecond: -1})
	require.Error(t, err)
	h, err := collect.NewImageHasher(collect.HasherOptions{})
	require.NoError(t, err)
	require.Equal(t, collect.DefaultHashWorkers, h.Options().Workers)
	require.Equal(t, collect.ProtocolAuto, h.Options().Protocol)
}
