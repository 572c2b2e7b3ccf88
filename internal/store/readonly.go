package store

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
)

// readerDSN is how a reader (Options.ReadOnly) opens the SQLite file at
// path. A live store, whose file and directory can be written, is opened
// mode=ro and shares the writers' write-ahead log, so history reads while a
// sweep writes. A store on read-only media — a seized copy: file or
// directory without write permission, or a read-only filesystem — must be
// read without creating a -wal, -shm or lock file or changing a byte, even
// as root:
//   - no write-ahead log with pages in it: immutable=1, SQLite reads the
//     file as it is and writes nothing;
//   - a log and its -shm index: mode=ro with a read-only index, so the
//     committed pages still in the log are read too;
//   - a log without its index cannot be read faithfully, and an immutable
//     open would silently show the history without the log's pages: fail.
func readerDSN(path string) (string, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("mode", "ro")
	if !readOnlyMedia(path) {
		return "file:" + path + "?" + q.Encode(), nil
	}
	wal, err := os.Stat(path + "-wal")
	switch {
	case os.IsNotExist(err) || (err == nil && wal.Size() == 0):
		q.Add("immutable", "1")
	case err != nil:
		return "", fmt.Errorf("read-only store %s: %w", path, err)
	default:
		if _, err := os.Stat(path + "-shm"); err != nil {
			return "", fmt.Errorf("read-only store %s: its write-ahead log %s-wal (%d bytes) holds committed "+
				"snapshots, and without %s-shm a read-only copy cannot read them; copy the files "+
				"state.db, state.db-wal and state.db-shm together (or copy this one to a writable directory and open it there)",
				path, path, wal.Size(), path)
		}
		q.Add("readonly_shm", "1")
	}
	return "file:" + path + "?" + q.Encode(), nil
}

// readOnlyMedia reports whether the store at path cannot be written: the
// file or its directory has no write bit (root ignores the bits, so they
// are checked, not only access(2)), or access(2) refuses writing (another
// owner, a read-only filesystem).
func readOnlyMedia(path string) bool {
	for _, p := range []string{path, filepath.Dir(path)} {
		fi, err := os.Stat(p)
		if err != nil {
			return false // Open reports the missing file
		}
		if fi.Mode().Perm()&0o222 == 0 || syscall.Access(p, 2 /* W_OK */) != nil {
			return true
		}
	}
	return false
}
