// Package facts is the normalized model of what a device says about its boot chain.
package facts
