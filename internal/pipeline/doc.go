// Package pipeline runs an audit end to end, the same way for every
// command that audits: load the references (inventory, baselines, change
// windows), select the devices, collect and evaluate them (sweep, or saved
// outputs for ingest), record the snapshots in the history store, enrich
// the results (plans, matched baselines, related devices, timelines) and
// hand back one report.Run. Rendering and exit codes stay with the caller.
package pipeline
