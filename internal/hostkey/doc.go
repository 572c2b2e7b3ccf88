// Package hostkey decides whether an SSH host key is acceptable (strict
// known_hosts or trust-on-first-use pinning) and refuses changed keys during
// key exchange, before any credential is sent.
package hostkey
