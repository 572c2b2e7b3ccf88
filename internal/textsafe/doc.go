// Package textsafe makes untrusted device text safe to print, store and report.
package textsafe
