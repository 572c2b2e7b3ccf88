package collect

import (
	"errors"
	"fmt"
	"net"
)

// ErrUnreachable marks a failure to open the TCP connection: refused,
// unreachable, or no answer within the connect timeout. It always comes
// with ErrConnect. Nothing was sent to the device, so trying again is safe
// (IsRetryable); an SSH handshake, authentication or host-key failure never
// carries it.
var ErrUnreachable = errors.New("unreachable")

// ErrDisconnected means the device closed the session in the middle of
// the login or of a command. Not retried: credentials were already sent.
var ErrDisconnected = errors.New("device closed the session")

// unreachableError is a dial failure; it matches ErrUnreachable (and
// ErrTimeout when the connect timed out) without repeating them in the text.
type unreachableError struct {
	err     error
	timeout bool
}

func (e *unreachableError) Error() string { return e.err.Error() }

func (e *unreachableError) Unwrap() []error {
	if e.timeout {
		return []error{e.err, ErrUnreachable, ErrTimeout}
	}
	return []error{e.err, ErrUnreachable}
}

// dialError classifies a TCP connect failure to addr.
func dialError(addr string, err error) error {
	var ne net.Error
	timeout := errors.As(err, &ne) && ne.Timeout()
	return fmt.Errorf("%w: %w", ErrConnect, &unreachableError{err: fmt.Errorf("dial %s: %w", addr, err), timeout: timeout})
}

// IsRetryable reports whether a failed collection may be tried again: only
// when the TCP connection could not be opened. Authentication failures
// (account lockout), host-key refusals and everything after the handshake
// are never retried.
func IsRetryable(err error) bool {
	return errors.Is(err, ErrUnreachable)
}
