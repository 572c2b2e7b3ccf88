package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fwaudit/internal/baseline"
	"fwaudit/internal/notify"
	"fwaudit/internal/plan"
	"fwaudit/internal/report"
	"fwaudit/internal/sweep"
)

// enrichRun adds what the renderers need beyond the sweep results: the
// inventory attributes, the baseline entry each device matched, the plan
// of each device and the approved ROMMON versions per model. It never
// talks to a device.
func enrichRun(run *report.Run, results []sweep.Result, set *baseline.Set, g globalOptions) {
	run.Approved = map[report.ModelKey][]string{}
	for _, p := range set.Platforms() {
		for _, m := range set.Models(p) {
			if m.ROMMON != nil {
				run.Approved[report.ModelKey{Platform: p, Pattern: m.Pattern}] = m.ROMMON.Approved
			}
		}
	}
	opts := g.outputOptions.planOptions(run.StartedAt)
	for i, r := range results {
		if i >= len(run.Devices) {
			break
		}
		d := &run.Devices[i]
		d.Site, d.Role, d.Credentials = r.Device.Site, r.Device.Role, r.Device.Credentials.Name
		m, ok := set.Match(r.Device.Platform, r.Facts.Model)
		if ok {
			d.Baseline = m.Pattern
		}
		d.Plan = plan.Build(plan.Input{Device: r.Device.Name, Platform: r.Device.Platform, Facts: r.Facts,
			Findings: r.Findings, Model: m, Policy: set.Policy}, opts)
	}
	markRelated(run, g.outputOptions.related)
}

// Formats of `fwaudit plan` (-o): they render the plans, not the report.
const (
	planMarkdown = "plan-markdown"
	planJSON     = "plan-json"
	planAnsible  = "plan-ansible"
)

// renderOutput writes the report, or for `fwaudit plan` the plans.
func renderOutput(w io.Writer, format string, run report.Run) error {
	var plans []plan.Plan
	for _, d := range run.Devices {
		if len(run.Devices) > 1 && d.Plan.Empty() && d.Error == "" {
			continue // --all: list only the devices that need something
		}
		plans = append(plans, d.Plan)
	}
	switch format {
	case planMarkdown:
		return plan.RenderMarkdown(w, plans)
	case planAnsible:
		return plan.RenderAnsible(w, plans)
	case planJSON:
		return renderPlanJSON(w, plans)
	}
	return report.Render(w, format, run)
}

// sendSOC delivers the run to the SOC outputs that are configured: syslog
// (CEF), the metrics file and the webhook. Each is tried even when another
// fails; the errors are joined. A run that was interrupted writes no
// last-success timestamp.
func sendSOC(ctx context.Context, g globalOptions, run report.Run) error {
	o := g.outputOptions
	var errs []error
	if o.Syslog != "" {
		if err := notify.SendSyslog(ctx, o.Syslog, run, notify.SyslogOptions{Version: programVersion()}); err != nil {
			errs = append(errs, fmt.Errorf("syslog: %w", err))
		}
	}
	if o.MetricsFile != "" {
		if err := notify.WriteMetricsFile(o.MetricsFile, run, ctx.Err() == nil); err != nil {
			errs = append(errs, fmt.Errorf("metrics file: %w", err))
		}
	}
	if o.Webhook != "" {
		if err := notify.PostWebhook(ctx, o.Webhook, run, notify.WebhookOptions{Timeout: o.WebhookTimeout, Logger: g.logger}); err != nil {
			errs = append(errs, fmt.Errorf("webhook: %w", err))
		}
	}
	return errors.Join(errs...)
}
