package main

import (
	"bytes"
	"context"
	"fwaudit/internal/report"
	"io"
	"time"

	"fwaudit/internal/collect"
)

// testOptions is what the cmd tests set: the union of the audit commands'
// options plus the root's logging, converted to each command's options
// by the run…T helpers below, so a test reads as a command line would.
type testOptions struct {
	auditFlags
	selectFlags
	deliveryFlags
	LogLevel, LogFormat string
	stderr              io.Writer
}

func testGlobals(inv string) testOptions {
	var g testOptions
	g.Inventory, g.Baselines, g.Workers, g.Timeout = inv, "../../baselines", 8, 60*time.Second
	g.MaxOutputBytes, g.HashWorkers, g.HashProtocol = 8<<20, collect.DefaultHashWorkers, collect.ProtocolAuto
	g.ConnectTimeout, g.AuthTimeout, g.CommandTimeout = 10*time.Second, 10*time.Second, 30*time.Second
	g.Retries, g.SNMPTimeout, g.SNMPRetries, g.SNMPMaxRepetitions, g.SNMPMaxVarbinds = 2, 3*time.Second, 1, 25, 10000
	g.LogLevel, g.LogFormat, g.stderr = "error", "text", &bytes.Buffer{}
	return g
}

func (g testOptions) root() *rootOptions {
	ro := &rootOptions{LogLevel: g.LogLevel, LogFormat: g.LogFormat, stderr: g.stderr}
	if err := ro.setup(); err != nil {
		panic(err) // a test set a bad level or format
	}
	return ro
}

func (g testOptions) audit(def string) auditFlags {
	a := g.auditFlags
	if a.Output == "" {
		a.Output = def
	}
	return a
}

func runSweepT(ctx context.Context, g testOptions, stdout io.Writer) error {
	return runSweep(ctx, sweepOptions{auditFlags: g.audit("table"), selectFlags: g.selectFlags, deliveryFlags: g.deliveryFlags}, g.root(), stdout)
}

func runAuditT(ctx context.Context, g testOptions, names []string, stdout io.Writer) error {
	return runAudit(ctx, auditOptions{auditFlags: g.audit("detail"), deliveryFlags: g.deliveryFlags}, g.root(), names, stdout)
}

func runAuditRelatedT(ctx context.Context, g testOptions, names []string, stdout io.Writer) error {
	return runAudit(ctx, auditOptions{auditFlags: g.audit("detail"), deliveryFlags: g.deliveryFlags, Related: true}, g.root(), names, stdout)
}

func runPlanT(ctx context.Context, g testOptions, names []string, stdout io.Writer) error {
	return runPlan(ctx, planOptions{auditFlags: g.audit("markdown"), selectFlags: g.selectFlags, All: len(names) == 0}, g.root(), names, stdout)
}

func runSnapshotT(ctx context.Context, g testOptions, label string, names []string, stdout io.Writer) error {
	return runSnapshot(ctx, snapshotOptions{auditFlags: g.audit("table"), selectFlags: g.selectFlags, deliveryFlags: g.deliveryFlags, Label: label}, g.root(), names, stdout)
}

func runVerifyChangeT(ctx context.Context, g testOptions, pre, change string, stdout io.Writer) error {
	return runVerifyChange(ctx, verifyChangeOptions{auditFlags: g.audit("table"), deliveryFlags: g.deliveryFlags, Pre: pre, Change: change}, g.root(), stdout)
}

func outputOr(o, def string) string {
	if o == "" {
		return def
	}
	return o
}

func withOutput(g testOptions, o string) testOptions {
	g.Output = o
	return g
}

// ingest fills the file references and output of o from g.
func (g testOptions) ingest(o ingestOptions) ingestOptions {
	o.referenceFlags = g.referenceFlags
	o.Output = outputOr(g.Output, "table")
	return o
}

// clearRunTimes blanks what changes from run to run (start, finish, and the
// findings' first / last seen) so reports compare and stay golden.
func clearRunTimes(rep *report.JSONReport) {
	rep.StartedAt, rep.FinishedAt = "", ""
	for i := range rep.Devices {
		for j := range rep.Devices[i].Findings {
			rep.Devices[i].Findings[j].FirstSeen, rep.Devices[i].Findings[j].LastSeen = "", ""
		}
	}
}
