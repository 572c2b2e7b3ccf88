package sweep

import (
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
)

// TestOffboxNothingToStreamIsAResult: a device that names no local image
// file (it boots over the network) gets an error naming the platform when
// --offbox-hash was asked, not a log line; one whose named files are not on
// its storage is IMG-004's business and streams nothing without an error.
// No connection is made in either case.
func TestOffboxNothingToStreamIsAResult(t *testing.T) {
	p, err := platform.Lookup("cisco_iosxe")
	require.NoError(t, err)
	opts := Options{Logger: slog.New(slog.DiscardHandler)}
	res := &Result{Device: inventory.Device{Name: "r1", Platform: "cisco_iosxe"},
		Facts: facts.Facts{Image: "tftp://192.0.2.1/x.bin", Boot: facts.BootConfig{System: []string{"tftp://192.0.2.1/x.bin"}}}}
	err = hashImages(context.Background(), collect.HashTarget{}, p.OffBox, opts, res)
	require.ErrorIs(t, err, ErrOffboxUnsupported)
	require.ErrorContains(t, err, "on platform cisco_iosxe: the device names no local running or next-boot image file")

	res.Facts = facts.Facts{Image: "bootflash:x.bin", Files: []facts.File{{Name: "bootflash:other.bin", Size: 10}}}
	require.NoError(t, hashImages(context.Background(), collect.HashTarget{}, p.OffBox, opts, res))
	require.Empty(t, res.Facts.ImageHashes)
}
