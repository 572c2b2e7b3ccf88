package main

import (
	"github.com/spf13/pflag"

	"fwaudit/internal/audit"
	"fwaudit/internal/report"
)

// failOnChoices are the --fail-on values; info findings never fail a run.
var failOnChoices = []string{string(audit.Critical), string(audit.High), string(audit.Medium), string(audit.Low)}

// addFailOnFlag registers --fail-on: the lowest severity of a finding that
// makes the exit code 1 (drift). Default low.
func addFailOnFlag(fs *pflag.FlagSet, target *string) {
	*target = string(audit.Low)
	fs.Var(&choiceValue{target: target, choices: failOnChoices}, "fail-on",
		"lowest finding severity that exits 1 (critical|high|medium|low; info never counts); findings below it are reported and exit 0")
}

// runOutcome is the outcome of a completed run under --fail-on: drift
// counts the devices with an unaccepted finding at or above failOn; error
// and unassessed devices exit 2 when nothing drifts.
func runOutcome(r report.Run, failOn string) error {
	s := r.Summary()
	s.Drift = r.Failing(audit.Severity(failOn))
	return outcome(s)
}
