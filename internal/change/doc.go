// Package change is the one model of what changed on a device between two
// observations of it: the history rules, `fwaudit diff` and the report
// timelines all derive their changes from Compare.
package change
