package baseline

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"
)

// maxFile bounds one baseline or change-window file.
const maxFile = 8 << 20

// errNotRegular is a baseline path that is a FIFO, a device or a socket.
var errNotRegular = errors.New("not a regular file")

// readFile reads a regular file of at most maxFile bytes. It opens without
// blocking, so a FIFO (whose open waits for a writer, deaf to SIGINT) is
// refused at once, and a symlink to /dev/zero is refused, not read forever.
func readFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, errNotRegular)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(b) > maxFile {
		return nil, fmt.Errorf("%s is larger than %d MiB", path, maxFile>>20)
	}
	return b, nil
}
