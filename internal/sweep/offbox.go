package sweep

import (
	"context"
	"errors"

	"fwaudit/internal/inventory"
)

// OffboxOptions control streaming images off the device to hash them locally.
type OffboxOptions struct {
	Enabled bool
}

// hashOffbox streams the running and next-boot images off the device and
// records their hashes with source offbox.
func hashOffbox(_ context.Context, _ inventory.Device, _ *hostKeyStores, _ Options, _ *Result) error {
	return errors.New("off-box hashing is not available in this build")
}
