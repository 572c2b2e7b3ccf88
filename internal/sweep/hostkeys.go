package sweep

import (
	"log/slog"
	"sync"

	"fwaudit/internal/hostkey"
)

// hostKeyStores opens each known_hosts file once per sweep and shares it
// between workers (a tofu store serializes its own appends).
type hostKeyStores struct {
	mu     sync.Mutex
	log    *slog.Logger
	stores map[string]*hostkey.Store
}

func newHostKeyStores(log *slog.Logger) *hostKeyStores {
	return &hostKeyStores{log: log, stores: map[string]*hostkey.Store{}}
}

func (h *hostKeyStores) get(path string, policy hostkey.Policy) (*hostkey.Store, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	key := string(policy) + "\x00" + path
	if s, ok := h.stores[key]; ok {
		return s, nil
	}
	s, err := hostkey.Open(path, policy)
	if err != nil {
		return nil, err
	}
	h.stores[key] = s
	return s, nil
}
