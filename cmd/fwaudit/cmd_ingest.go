package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/ingest"
	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
	"fwaudit/internal/report"
)

const ingestLong = `Audit saved command outputs with the same rules and reports as a live
sweep, with no device access (config-backup archives, outputs saved during
an incident).

DIR holds one entry per device, named after the device:
  DIR/<device>/<command>.txt   one file per command ("show version.txt";
                               a '/' in the command is written %2F)
  DIR/<device>[.ext]           a config-backup file: RANCID ("!Image:",
                               "!ROM Bootstrap:" lines) or Oxidized ("! "
                               comment lines of show version above the config)

The platform of each device comes from the inventory when -i is given,
else from --platform, else it is detected from its show version.

EXAMPLES
  fwaudit ingest ./saved -i inventory/ -o json
  fwaudit ingest /var/lib/oxidized/configs --platform cisco_ios
` + exitStatusHelp

type ingestOptions struct{ platform string }

func newIngestCommand(g *globalOptions) *cobra.Command {
	var opts ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest DIR",
		Short: "Audit saved outputs offline (same rules and reports as sweep)",
		Long:  ingestLong,
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			useInventory := cmd.Flag("inventory") != nil && cmd.Flag("inventory").Changed
			return runIngest(cmd.Context(), *g, opts, args[0], useInventory, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.platform, "platform", "", "platform of devices the inventory does not name")
	return cmd
}

func runIngest(ctx context.Context, g globalOptions, opts ingestOptions, dir string, useInventory bool, stdout io.Writer) error {
	if err := g.setup(); err != nil {
		return err
	}
	format := g.Output
	if format == "" {
		format = "table"
	}
	if format != "table" && format != "json" {
		return usageErrorf("--output: %q is not one of table, json", format)
	}
	if opts.platform != "" {
		if _, err := platform.Lookup(opts.platform); err != nil {
			return usageErrorf("--platform: %w", err)
		}
	}
	known := map[string]inventory.Device{}
	if useInventory {
		devs, err := loadSelection(g, nil)
		if err != nil {
			return err
		}
		for _, d := range devs {
			known[d.Name] = d
		}
	}
	saved, err := ingest.Load(dir)
	if err != nil {
		return configError(err)
	}
	set, err := loadBaselines(g)
	if err != nil {
		return err
	}
	changes, err := loadChanges(g, nil)
	if err != nil {
		return err
	}
	run := report.Run{StartedAt: time.Now()}
	for _, s := range saved {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", ctx.Err())
		}
		run.Devices = append(run.Devices, ingestDevice(s, known, opts.platform, set, changes, run.StartedAt, g.logger))
	}
	run.FinishedAt = time.Now()
	if err := report.Render(stdout, format, run); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	return outcome(run.Summary())
}

var errNoPlatform = errors.New("platform unknown: not in the inventory, no --platform, not detected from show version")

// ingestDevice parses one device's saved outputs and evaluates the rules,
// as the sweep does after collection.
func ingestDevice(s ingest.Device, known map[string]inventory.Device, fallback string, set *baseline.Set,
	changes *baseline.Changes, now time.Time, log *slog.Logger) report.Device {
	rd := report.Device{Name: s.Name}
	name := fallback
	if d, ok := known[s.Name]; ok {
		name, rd.Address = d.Platform, d.Address
	}
	if name == "" {
		name, _ = platform.Detect(s.Outputs["show version"] + s.Outputs["show version detail"])
	}
	rd.Platform = name
	p, err := platform.Lookup(name)
	if err != nil {
		rd.Error = fmt.Sprintf("device %s: %s", s.Name, errNoPlatform)
		return rd
	}
	// As in a live sweep, outputs that did not parse leave their facts
	// empty and the rules say so (PARSE-001); the error is only logged.
	f, err := parseOutputs(p, s.Outputs)
	if err != nil {
		log.Warn("some outputs could not be parsed", "device", s.Name, "err", err)
	}
	rd.Facts = f
	in := audit.Input{Device: s.Name, Platform: name, Facts: f, Now: now, Changes: changes}
	if set != nil {
		in.Model, _ = set.Match(name, f.Model)
		in.HasBaseline = set.HasPlatform(name)
		in.Policy = set.Policy
	}
	rd.Findings = audit.Evaluate(in)
	return rd
}
