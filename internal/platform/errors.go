package platform

import "errors"

var (
	// ErrUnrecognized means an output was present but held none of the
	// lines its parser looks for.
	ErrUnrecognized = errors.New("output not recognized")
	// ErrUnsupported means the device rejected the command (% Invalid input,
	// % Incomplete command); the facts it would give are simply absent.
	ErrUnsupported = errors.New("command not supported by the device")
	// ErrVerify means a verify command printed an error or no usable hash.
	ErrVerify = errors.New("verify gave no hash")
)
