package collect

import (
	"errors"
	"fmt"
	"sync/atomic"
)

// ErrBudgetExceeded means a device's outputs, or the sweep's, grew past
// their memory budget (Budget); the session was closed.
var ErrBudgetExceeded = errors.New("memory budget exceeded")

// Budget is a byte budget that outputs reserve from as they arrive, so
// memory is capped per device and per sweep, not only per command. A
// budget may have a parent (the device's budget reserves from the
// sweep's); a reservation holds in both until Release. Safe for
// concurrent use. A nil *Budget is unlimited.
type Budget struct {
	what   string // "device" or "sweep", for the error
	max    int64
	used   atomic.Int64
	parent *Budget
}

// NewBudget returns a budget of max bytes named what, reserving from
// parent too (nil: none).
func NewBudget(what string, max int64, parent *Budget) *Budget {
	return &Budget{what: what, max: max, parent: parent}
}

// Reserve takes n bytes from b and its parents, or none of them and
// ErrBudgetExceeded naming the budget that is spent.
func (b *Budget) Reserve(n int64) error {
	if b == nil {
		return nil
	}
	if used := b.used.Add(n); used > b.max {
		b.used.Add(-n)
		return fmt.Errorf("%w: %s outputs would exceed %d bytes", ErrBudgetExceeded, b.what, b.max)
	}
	if err := b.parent.Reserve(n); err != nil {
		b.used.Add(-n)
		return err
	}
	return nil
}

// ReleaseAll gives back everything b holds, to b and its parents: the
// outputs it counted were stored or dropped.
func (b *Budget) ReleaseAll() {
	if b == nil {
		return
	}
	n := b.used.Swap(0)
	for p := b.parent; p != nil; p = p.parent {
		p.used.Add(-n)
	}
}

// Used is the bytes b holds now.
func (b *Budget) Used() int64 {
	if b == nil {
		return 0
	}
	return b.used.Load()
}
