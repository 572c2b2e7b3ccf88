package main

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"fwaudit/internal/pipeline"
	"fwaudit/internal/plan"
	"fwaudit/internal/report"
)

// auditFlags are the options every command that audits live devices has:
// what to read, how to collect, where history lives, how plans are filled
// and the report format.
type auditFlags struct {
	referenceFlags
	collectFlags
	stateFlags
	planFlags
	Output string
	Wide   bool
	FailOn string // --fail-on: lowest severity that exits 1
}

func (o *auditFlags) addFlags(fs *pflag.FlagSet, defOutput string, outputs ...string) {
	o.addInventory(fs)
	o.addBaselines(fs)
	o.collectFlags.addFlags(fs)
	o.stateFlags.addFlags(fs, true)
	o.planFlags.addFlags(fs)
	addOutputFlag(fs, &o.Output, defOutput, outputs...)
	addFailOnFlag(fs, &o.FailOn)
	if slices.Contains(outputs, "table") {
		addWideFlag(fs, &o.Wide)
	}
}

// reportFormats are the -o values of the commands that print the report.
var reportFormats = report.Formats

// pipelineOptions validates the flags and builds the pipeline's options.
func (o auditFlags) pipelineOptions(ro *rootOptions, sel pipeline.Selection) (pipeline.Options, error) {
	so, err := o.sweepOptions()
	if err != nil {
		return pipeline.Options{}, err
	}
	if err := pipeline.CheckState(o.State); err != nil {
		return pipeline.Options{}, err
	}
	return pipeline.Options{
		References: o.refs(), Selection: sel, Sweep: so, Logger: ro.logger,
		History: pipeline.History{State: o.State, LockWait: o.LockWait,
			Timelines: o.Output == "html" || o.Output == "markdown"},
		Plan:           plan.Options{ImageSource: o.ImageSource, EvidenceDest: o.EvidenceDest},
		Progress:       progressOn(ro.stderr),
		ProgramVersion: programVersion(),
	}, nil
}

// runPipeline runs the audit, renders it with render, delivers it to the
// SOC outputs and returns the outcome for the exit code under --fail-on.
func runPipeline(ctx context.Context, ro *rootOptions, opts pipeline.Options, d pipeline.Delivery,
	render func(io.Writer, report.Run) error, failOn string, stdout io.Writer) error {
	if err := d.Validate(); err != nil {
		return err
	}
	run, err := pipeline.Run(ctx, opts)
	if err != nil && run.StartedAt.IsZero() {
		return err // nothing ran: configuration, selection, store
	}
	if rerr := render(stdout, run); rerr != nil {
		return fmt.Errorf("render report: %w", rerr)
	}
	if derr := pipeline.Deliver(ctx, d, run, programVersion(), ro.logger); derr != nil {
		ro.logger.Error("SOC output failed", "err", derr)
	}
	if err != nil {
		return err
	}
	return runOutcome(run, failOn)
}

// renderReport renders the report in format; the table fits the terminal
// stdout is (or $COLUMNS) unless wide.
func renderReport(format string, wide bool) func(io.Writer, report.Run) error {
	return func(w io.Writer, run report.Run) error {
		return report.RenderWith(w, format, run, report.RenderOptions{Width: tableWidth(w, wide)})
	}
}

func addWideFlag(fs *pflag.FlagSet, wide *bool) {
	fs.BoolVar(wide, "wide", false, "table: print every cell in full instead of fitting the terminal width")
}

// tableWidth is the width the table fits: the terminal's when w is one,
// else $COLUMNS when set, else no limit; --wide is no limit.
func tableWidth(w io.Writer, wide bool) int {
	cols := 0
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		cols, _, _ = term.GetSize(int(f.Fd()))
	}
	return report.FitWidth(wide, cols, os.Getenv("COLUMNS"))
}

// livePlan draws the nonce `fwaudit plan` puts in its signed-measurement
// commands, and dates its evidence names; reports keep a placeholder so
// they stay reproducible.
func livePlan(po plan.Options, now time.Time) plan.Options {
	po.Now = now
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	po.Nonce = binary.BigEndian.Uint32(b[:])%4_000_000_000 + 1
	return po
}
