package collect_test

import (
	"crypto/sha512"
	"encoding/hex"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
)

// inflatedFleet: the device lists (and serves) its 1 MiB image as 64 MiB.
const inflatedFleet = `
devices:
  - name: fat-sw-1
    platform: cisco_iosxe
    model: C9300-48P
    os_version: 17.09.04a
    rommon: 17.9.1r[FC2]
    image: cat9k_iosxe.17.09.04a.SPA.bin
    files:
      - {name: cat9k_iosxe.17.09.04a.SPA.bin, size: 1048583, claimed_size: 67108864}
`

// TestImageHasher_DeviceListingDoesNotLiftTheCap: the size the device
// lists is no licence to send that much; the configured maximum cuts the
// transfer, and no partial forensic copy is kept.
func TestImageHasher_DeviceListingDoesNotLiftTheCap(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, inflatedFleet), lab.Options{})
	d := l.Device("fat-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	for _, proto := range []string{collect.ProtocolSFTP, collect.ProtocolSCP} {
		t.Run(proto, func(t *testing.T) {
			dir := t.TempDir()
			h := newHasher(t, collect.HasherOptions{Protocol: proto, MaxImageBytes: 2 << 20, SaveDir: dir})
			_, err := h.Hash(t.Context(), hashTarget(t, d, hk), []collect.HashFile{
				{Path: "bootflash:" + imgName, MaxBytes: 64 << 20}}, nil)
			require.ErrorIs(t, err, collect.ErrSizeExceeded)
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			require.Empty(t, entries, "nothing written past the cap is kept")
		})
	}
}

// TestImageHasher_ApprovedSizeMayExceedTheMaximum: a size the baseline
// approves is the cap, even above the configured maximum.
func TestImageHasher_ApprovedSizeMayExceedTheMaximum(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, offboxFleet), lab.Options{})
	d := l.Device("img-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	h := newHasher(t, collect.HasherOptions{MaxImageBytes: 256 << 10})
	target := hashTarget(t, d, hk)
	got, err := h.Hash(t.Context(), target, []collect.HashFile{
		{Path: "bootflash:" + imgName, MaxBytes: imgSize, Approved: true}}, nil)
	require.NoError(t, err)
	require.Equal(t, int64(imgSize), got[0].Size)

	_, err = h.Hash(t.Context(), target, []collect.HashFile{
		{Path: "bootflash:" + imgName, MaxBytes: imgSize}}, nil)
	require.ErrorIs(t, err, collect.ErrSizeExceeded, "an unapproved size is held to the maximum")
	require.Equal(t, int64(256<<10), h.Options().MaxImageBytes)
}

func TestNewImageHasher_RejectsNegativeMaximum(t *testing.T) {
	_, err := collect.NewImageHasher(collect.HasherOptions{MaxImageBytes: -1})
	require.Error(t, err)
	h := newHasher(t, collect.HasherOptions{})
	require.Equal(t, int64(collect.DefaultMaxImageBytes), h.Options().MaxImageBytes)
}

// TestImageHasher_CollidingNamesKeepBothCopies: "bootflash:a b.bin" and
// "bootflash:a_b.bin" sanitize to one file name; the second copy must not
// replace the first.
func TestImageHasher_CollidingNamesKeepBothCopies(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, offboxFleet), lab.Options{})
	d := l.Device("img-sw-1")
	hk := pinLab(t, l, hostkey.Strict)
	dir := t.TempDir()
	h := newHasher(t, collect.HasherOptions{Protocol: collect.ProtocolSFTP, SaveDir: dir})
	got, err := h.Hash(t.Context(), hashTarget(t, d, hk), []collect.HashFile{
		{Path: "bootflash:a b.bin", SFTPPath: "tiny.bin"},
		{Path: "bootflash:a_b.bin", SFTPPath: imgName},
	}, nil)
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.NotEqual(t, got[0].SavedAs, got[1].SavedAs)
	for _, fh := range got {
		b, err := os.ReadFile(fh.SavedAs)
		require.NoError(t, err)
		sum := sha512.Sum512(b)
		require.Equal(t, fh.SHA512, hex.EncodeToString(sum[:]), "%s holds its own file", fh.SavedAs)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 2, "both copies kept, no partial files")
}
