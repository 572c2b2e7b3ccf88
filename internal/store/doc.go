// Package store keeps the snapshot history of audited devices in an embedded
// SQLite file: one run per sweep, one snapshot per device and run, the raw
// outputs each snapshot was derived from, and a hash chain over them.
package store
