package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"fwaudit/internal/baseline"
	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
	"fwaudit/internal/report"
	"fwaudit/internal/sweep"
)

// loadSelection loads the inventory and applies --device / --filter plus
// any extra names given as arguments.
func loadSelection(g globalOptions, names []string) ([]inventory.Device, error) {
	inv, err := inventory.Load(g.Inventory, inventory.LoadOptions{KnownPlatforms: platform.Names(), Logger: g.logger})
	if err != nil {
		return nil, configError(err)
	}
	f, err := inventory.ParseFilter(g.Filter)
	if err != nil {
		return nil, usageErrorf("--filter: %s", err)
	}
	devs, err := inv.Select(append(append([]string(nil), g.Devices...), names...), f)
	if err != nil {
		return nil, usageErrorf("%s", err)
	}
	return devs, nil
}

// loadBaselines reads the baseline folder. A missing folder is a
// configuration error: auditing without baselines would report nothing.
func loadBaselines(g globalOptions) (*baseline.Set, error) {
	if _, err := os.Stat(g.Baselines); err != nil {
		return nil, configError(fmt.Errorf("baselines: %w", err))
	}
	set, err := baseline.Load(filepath.Clean(g.Baselines))
	if err != nil {
		return nil, configError(err)
	}
	return set, nil
}

// auditRun is what sweep and audit share: load, sweep, render, outcome.
func auditRun(ctx context.Context, g globalOptions, names []string, format string, stdout io.Writer) error {
	devs, err := loadSelection(g, names)
	if err != nil {
		return err
	}
	if devs, err = g.selectShard(devs); err != nil {
		return err
	}
	set, err := loadBaselines(g)
	if err != nil {
		return err
	}
	changes, err := loadChanges(g, devs)
	if err != nil {
		return err
	}
	offbox, err := g.offboxOptions.sweepOptions()
	if err != nil {
		return err
	}
	hist, err := openHistory(ctx, g, g.label)
	if err != nil {
		return err
	}
	g.logger.Info("sweep started", "devices", len(devs), "workers", g.Workers)
	prog := newProgress(g.stderr, len(devs))
	run := report.Run{StartedAt: time.Now()}
	results := sweep.Run(ctx, devs, sweep.Options{
		Workers: g.Workers, DeviceTimeout: g.Timeout, MaxOutputBytes: g.MaxOutputBytes,
		Offbox:    offbox,
		SNMP:      g.snmpOptions.sweep(),
		Baselines: set, Logger: g.logger, OnResult: hist.observe(ctx, prog.done),
		DropOutputs: true, // raw outputs are stored in OnResult; the report does not need them: memory stays per worker
		Changes:     changes, History: hist.history(),
		ConnectTimeout: g.ConnectTimeout, AuthTimeout: g.AuthTimeout, CommandTimeout: g.CommandTimeout, Retries: g.sweepRetries(),
	})
	prog.stop()
	run.FinishedAt = time.Now()
	for _, r := range results {
		run.Devices = append(run.Devices, reportDevice(r))
	}
	hist.fillHistory(ctx, &run, format) // history_wiring.go: the html / markdown timelines
	if err := hist.finish(ctx); err != nil {
		return err
	}
	enrichRun(&run, results, set, g) // report_wiring.go: plans, baselines, inventory attributes
	if err := renderOutput(stdout, format, run); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	if err := sendSOC(ctx, g, run); err != nil { // report_wiring.go: --syslog, --metrics-file, --webhook
		g.logger.Error("SOC output failed", "err", err)
	}
	s := run.Summary()
	g.logger.Info("sweep finished", "devices", s.Devices, "drift", s.Drift, "error", s.Error,
		"duration_ms", run.FinishedAt.Sub(run.StartedAt).Milliseconds())
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %w", ctx.Err())
	}
	return outcome(s)
}

func reportDevice(r sweep.Result) report.Device {
	d := report.Device{
		Name: r.Device.Name, Address: r.Device.Address, Platform: r.Device.Platform,
		Facts: r.Facts, Findings: r.Findings,
	}
	if r.Err != nil {
		d.Error = r.Err.Error()
	}
	return d
}
