// Package audit turns facts, a baseline model and the sweep's observations
// into findings, each with its triage (escalation) decision.
package audit
