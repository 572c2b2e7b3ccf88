// Package arch holds the architecture test: which internal package may import which.
package arch
