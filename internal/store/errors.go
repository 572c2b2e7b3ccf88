package store

import "errors"

var (
	// ErrLocked: another run holds the store's lock file.
	ErrLocked = errors.New("store is locked")
	// ErrSchema: the database was written by a newer program.
	ErrSchema = errors.New("store schema")
	// ErrNotFound: no snapshot matches the id, label or device asked for.
	ErrNotFound = errors.New("not found")
	// ErrTampered: store verify found a snapshot whose content or chain does
	// not match its recorded hashes.
	ErrTampered = errors.New("store tampered")
)
