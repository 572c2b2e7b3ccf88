// Package store keeps the snapshot history of audited devices, in an
// embedded SQLite file or a PostgreSQL database several pollers share: one
// run per sweep, one snapshot per device and run, the raw outputs each
// snapshot was derived from, and a hash chain over them.
package store
