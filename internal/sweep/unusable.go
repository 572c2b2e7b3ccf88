package sweep

import (
	"errors"
	"fmt"

	"fwaudit/internal/inventory"
	"fwaudit/internal/textsafe"
)

// ErrUnusable marks a device the inventory could not make usable (a secret
// that could not be resolved, a foreign-source record without an address or
// with an unknown platform): it is reported as an error and never contacted.
var ErrUnusable = errors.New("unusable in the inventory; not contacted")

// unusableResult is the error result of a device with inventory.Device.Unusable set.
func unusableResult(d inventory.Device, opts Options) Result {
	now := opts.Now()
	res := Result{Device: d, Started: now, Finished: now,
		Err: fmt.Errorf("device %s: %w: %s", d.Name, ErrUnusable, textsafe.Clean(d.Unusable, 0))}
	opts.Logger.Error("device not audited", "device", d.Name, "err", res.Err)
	return res
}
