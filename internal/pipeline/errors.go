package pipeline

import (
	"errors"
	"fmt"
)

var (
	// ErrConfig marks an input file that cannot be used (inventory,
	// baselines, change windows, KGV, roots): exit 3.
	ErrConfig = errors.New("configuration")
	// ErrUsage marks a selection or option that cannot be honoured: a name
	// that matches no device, names together with --device: exit 3.
	ErrUsage = errors.New("usage")
)

func configError(err error) error { return fmt.Errorf("%w: %w", ErrConfig, err) }

func usageErrorf(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUsage}, a...)...)
}
