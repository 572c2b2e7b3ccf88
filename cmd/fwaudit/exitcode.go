package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"fwaudit/internal/baseline"
	"fwaudit/internal/inventory"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/report"
	"fwaudit/internal/store"
)

// Exit codes (DESIGN.md). Drift outranks errors.
const (
	exitOK     = 0
	exitDrift  = 1
	exitFailed = 2
	exitUsage  = 3
)

// errUsage marks bad flags or arguments; errConfig an inventory, baseline
// or other input file that cannot be used.
// They are the pipeline's sentinels: one meaning, wherever it is raised.
var (
	errUsage  = pipeline.ErrUsage
	errConfig = pipeline.ErrConfig
)

func configError(err error) error { return fmt.Errorf("%w: %w", errConfig, err) }

func usageErrorf(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUsage}, a...)...)
}

// outcomeError carries a completed run's summary up to the exit-code mapping.
// It is not printed: the report already said everything.
type outcomeError struct{ summary report.Summary }

func (e *outcomeError) Error() string {
	return fmt.Sprintf("%d drift, %d error, %d unassessed", e.summary.Drift, e.summary.Error, e.summary.Unassessed)
}

// outcome maps a summary onto the exit code: drift 1, else error or
// unassessed 2 (a device without a verdict is never a success), else 0.
func outcome(s report.Summary) error {
	if s.Drift == 0 && s.Error == 0 && s.Unassessed == 0 {
		return nil
	}
	return &outcomeError{summary: s}
}

func isOutcome(err error) bool {
	var o *outcomeError
	return errors.As(err, &o)
}

// exitCode is the single place errors become exit codes.
func exitCode(err error) int {
	var o *outcomeError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &o):
		if o.summary.Drift > 0 {
			return exitDrift
		}
		return exitFailed
	case errors.Is(err, inventory.ErrSourceUnavailable):
		// NetBox down or rate limiting after the retries: nothing was
		// audited, but the configuration is not wrong.
		return exitFailed
	case errors.Is(err, errUsage), errors.Is(err, errConfig),
		errors.Is(err, inventory.ErrInvalid), errors.Is(err, baseline.ErrInvalid):
		return exitUsage
	case errors.Is(err, store.ErrTampered):
		return exitDrift
	case errors.Is(err, store.ErrLocked):
		// Another run (an overlapping cron job) holds the history store.
		return exitFailed
	default:
		// Cancellation, store failures: the run did not complete.
		return exitFailed
	}
}

// usageArgs marks cobra's argument-count errors as usage errors (exit 3).
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageErrorf("%s", err)
		}
		return nil
	}
}
