package sweep

import (
	"context"

	"fwaudit/internal/audit"
)

// History answers "what did this device look like last time": the store
// implements it. A device seen for the first time returns nil, nil.
type History interface {
	Previous(ctx context.Context, device string) (*audit.Previous, error)
}
