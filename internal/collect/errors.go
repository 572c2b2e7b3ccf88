package collect

import "errors"

var (
	// ErrAuth means the device refused our credentials.
	ErrAuth = errors.New("authentication failed")
	// ErrTimeout means a step (connect, login, command) did not finish in time.
	ErrTimeout = errors.New("timed out")
	// ErrOutputTooLarge means the device sent more than the byte budget of
	// one command; the session was closed.
	ErrOutputTooLarge = errors.New("output too large")
	// ErrPrivilege means the session could not reach privileged exec
	// (wrong or missing enable secret).
	ErrPrivilege = errors.New("could not raise privilege")
	// ErrConnect means the TCP connection or the SSH handshake failed.
	ErrConnect = errors.New("connect failed")
)

// errClosed is the cause recorded when the transport is closed normally.
var errClosed = errors.New("transport closed")
