package sweep

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/platform"
)

// unreachable is an error as collect returns it for a refused connection.
func unreachable(t *testing.T) error {
	t.Helper()
	keys, err := hostkey.Open(filepath.Join(t.TempDir(), "known_hosts"), hostkey.Strict)
	require.NoError(t, err)
	p, err := platform.Lookup("cisco_iosxe")
	require.NoError(t, err)
	// Nothing listens on port 1 of loopback.
	_, err = collect.CollectSSH(t.Context(), collect.Target{Address: "127.0.0.1", Port: 1, HostKeys: keys, Platform: p}, nil)
	require.True(t, collect.IsRetryable(err), "%v", err)
	return err
}

func TestRetryConnect(t *testing.T) {
	refused := unreachable(t)
	tests := []struct {
		name      string
		errs      []error // returned by successive attempts; then nil
		retries   int
		wantCalls int
		wantErr   error
	}{
		{name: "success-first", errs: nil, retries: 2, wantCalls: 1},
		{name: "refused-then-ok", errs: []error{refused}, retries: 2, wantCalls: 2},
		{name: "refused-always", errs: []error{refused, refused, refused, refused}, retries: 2, wantCalls: 3, wantErr: collect.ErrUnreachable},
		{name: "no-retries", errs: []error{refused}, retries: 0, wantCalls: 1, wantErr: collect.ErrUnreachable},
		{name: "auth-never-retried", errs: []error{fmt.Errorf("log in: %w", collect.ErrAuth)}, retries: 2, wantCalls: 1, wantErr: collect.ErrAuth},
		{name: "host-key-never-retried", errs: []error{fmt.Errorf("verify host key: %w", hostkey.ErrHostKeyChanged)}, retries: 2, wantCalls: 1, wantErr: hostkey.ErrHostKeyChanged},
		{name: "handshake-never-retried", errs: []error{fmt.Errorf("%w: ssh handshake: EOF", collect.ErrConnect)}, retries: 2, wantCalls: 1, wantErr: collect.ErrConnect},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			err := retryConnect(t.Context(), tc.retries, time.Millisecond, slog.New(slog.DiscardHandler), func() error {
				calls++
				if calls <= len(tc.errs) {
					return tc.errs[calls-1]
				}
				return nil
			})
			require.Equal(t, tc.wantCalls, calls)
			if tc.wantErr == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.wantErr)
			}
		})
	}
}

// TestRetryConnectBoundedByDeadline: a backoff that would end after the
// device deadline is not waited for.
func TestRetryConnectBoundedByDeadline(t *testing.T) {
	refused := unreachable(t)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	calls := 0
	err := retryConnect(ctx, 5, time.Hour, slog.New(slog.DiscardHandler), func() error { calls++; return refused })
	require.Equal(t, 1, calls)
	require.ErrorIs(t, err, collect.ErrUnreachable)
	require.NoError(t, ctx.Err(), "returned without waiting for the deadline")
}

func TestBackoffJitteredAndCapped(t *testing.T) {
	for attempt := range 40 {
		d := backoff(time.Second, attempt)
		full := min(time.Second<<min(attempt, 16), maxRetryBackoff)
		require.GreaterOrEqual(t, d, full/2, "attempt %d", attempt)
		require.LessOrEqual(t, d, full, "attempt %d", attempt)
	}
	require.False(t, errors.Is(nil, collect.ErrUnreachable))
}
