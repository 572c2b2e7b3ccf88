package sweep

import (
	"context"
	"errors"
	"fmt"

	"fwaudit/internal/inventory"
)

// ErrInterrupted marks a device the sweep stopped (SIGINT, SIGTERM, a
// cancelled ctx) before it finished: not started, or cut off mid-way.
var ErrInterrupted = errors.New("interrupted before the device was audited")

// auditOrSkip audits d unless the sweep (ctx) is already stopped. A device
// the stop cut off mid-way gets ErrInterrupted too, so the report can tell
// "the device failed" from "we stopped asking".
func auditOrSkip(ctx, dctx context.Context, d inventory.Device, keys *hostKeyStores, opts Options) Result {
	if ctx.Err() != nil {
		now := opts.Now()
		return Result{Device: d, Started: now, Finished: now,
			Err: fmt.Errorf("device %s: %w: %w", d.Name, ErrInterrupted, context.Cause(ctx))}
	}
	r := auditOne(dctx, d, keys, opts)
	if r.Err != nil && ctx.Err() != nil {
		r.Err = fmt.Errorf("%w: %w", ErrInterrupted, r.Err)
	}
	return r
}
