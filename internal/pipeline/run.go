package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"fwaudit/internal/baseline"
	"fwaudit/internal/inventory"
	"fwaudit/internal/report"
	"fwaudit/internal/sweep"
)

// Run audits the selected devices live: load, select, sweep (collect and
// evaluate), record each result in the history store as it finishes,
// then enrich the report. Device failures are in the report; the error
// is for what stops the run: configuration, selection, the store, and
// cancellation (ctx.Err() wrapped, with the partial report).
func Run(ctx context.Context, opts Options) (report.Run, error) {
	log := opts.logger()
	inv, err := LoadInventory(opts.Inventory, log)
	if err != nil {
		return report.Run{}, err
	}
	devs, related, err := Select(inv, opts.Selection)
	if err != nil {
		return report.Run{}, err
	}
	if related != nil && related.Omitted > 0 {
		log.Warn("related devices left out", "audited", len(related.Why), "omitted", related.Omitted, "related_max", related.Max)
	}
	set, err := LoadBaselines(opts.Baselines)
	if err != nil {
		return report.Run{}, err
	}
	adv, err := LoadAdvisories(opts.References)
	if err != nil {
		return report.Run{}, err
	}
	changes, err := LoadChanges(opts.References, opts.History.OnlyChange, devs)
	if err != nil {
		return report.Run{}, err
	}
	warnUnmatchedChanges(log, changes, inv.Devices)
	rec, err := openRecorder(ctx, opts.History, opts.ProgramVersion, deviceNames(devs), log)
	if err != nil {
		return report.Run{}, err
	}
	done, stop := func(sweep.Result) {}, func() {}
	if opts.Progress != nil {
		done, stop = opts.Progress(len(devs))
	}
	log.Info("sweep started", "devices", len(devs), "workers", opts.Sweep.Workers)
	warnIntegrityUnchecked(log, opts.Sweep.Offbox)
	run := report.Run{StartedAt: time.Now()}
	so := opts.Sweep
	so.Baselines, so.Changes, so.History, so.Logger, so.Advisories = set, changes, rec.history(), log, adv
	so.OnResult = rec.observe(ctx, done)
	so.DropOutputs = true // raw outputs are stored as each device finishes; memory stays per worker
	so.NoRawOutputs = !rec.stores()
	results := sweep.Run(ctx, devs, so)
	stop()
	rec.drain(ctx) // every snapshot saved (or given up on) before the states are read
	rec.withStates(results)
	run.FinishedAt = time.Now()
	for _, r := range results {
		run.Devices = append(run.Devices, reportDevice(r))
	}
	if opts.History.Timelines {
		rec.fillTimelines(ctx, &run)
	}
	if err := rec.finish(ctx); err != nil {
		return run, err
	}
	enrich(&run, deviceList(results), set, opts.Plan)
	markRelated(&run, related)
	s := run.Summary()
	log.Info("sweep finished", "devices", s.Devices, "drift", s.Drift, "error", s.Error,
		"duration_ms", run.FinishedAt.Sub(run.StartedAt).Milliseconds())
	if ctx.Err() != nil {
		return run, fmt.Errorf("interrupted: %w", ctx.Err())
	}
	return run, nil
}

func deviceNames(devs []inventory.Device) []string {
	out := make([]string, len(devs))
	for i, d := range devs {
		out[i] = d.Name
	}
	return out
}

// warnIntegrityUnchecked says, when signed measurements are collected
// without the references to judge them, what is and is not checked.
func warnIntegrityUnchecked(log *slog.Logger, o sweep.OffboxOptions) {
	if !o.Enabled || !o.Integrity {
		return
	}
	var not []string
	if o.KGV == nil {
		not = append(not, "known-good values (no --kgv: BIV-001 does not run)")
	}
	if o.SUDIRoots == nil {
		not = append(not, "signature and SUDI chain (no --sudi-roots: BIV-002 does not run)")
	}
	if len(not) > 0 {
		log.Warn("boot-integrity measurements are collected, stored with each snapshot and their PCRs recomputed (BIV-003); not checked: "+strings.Join(not, "; "),
			"see", "the detail view (-o detail) per device")
	}
}

func deviceList(results []sweep.Result) []inventory.Device {
	out := make([]inventory.Device, len(results))
	for i, r := range results {
		out[i] = r.Device
	}
	return out
}

func reportDevice(r sweep.Result) report.Device {
	d := report.Device{
		Name: r.Device.Name, Address: r.Device.Address, Platform: r.Device.Platform,
		Facts: r.Facts, Findings: r.Findings, Integrity: r.Integrity,
	}
	if r.Err != nil {
		d.Error = r.Err.Error()
	}
	return d
}

// approvedROMMON lists the approved ROMMON versions of every baseline
// model entry (the HTML report compares the fleet with it).
func approvedROMMON(set *baseline.Set) map[report.ModelKey][]string {
	out := map[report.ModelKey][]string{}
	for _, p := range set.Platforms() {
		for _, m := range set.Models(p) {
			if m.ROMMON != nil {
				out[report.ModelKey{Platform: p, Pattern: m.Pattern}] = m.ROMMON.Approved
			}
		}
	}
	return out
}
