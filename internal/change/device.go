package change

import (
	"errors"
	"fmt"
	"strings"

	"fwaudit/internal/textsafe"
)

// ErrDifferentDevices: two snapshots of different devices cannot be
// compared (one device's ROMMON and host key would look like changes).
var ErrDifferentDevices = errors.New("snapshots of different devices")

// SameDevice refuses to compare snapshots of two different devices, naming
// both. A snapshot that names no device is not checked.
func SameDevice(a, b Snapshot) error {
	da, db := strings.TrimSpace(a.Device), strings.TrimSpace(b.Device)
	if da == "" || db == "" || da == db {
		return nil
	}
	return fmt.Errorf("%w: %q and %q; compare two snapshots of one device", ErrDifferentDevices,
		textsafe.Field(da), textsafe.Field(db))
}
