// Package collect talks to devices: SSH sessions through scrapligo over a
// bounded, cancellable transport of our own, returning raw command outputs.
package collect
