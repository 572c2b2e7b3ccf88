package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/pipeline"
	"fwaudit/internal/plan"
)

const ingestLong = `Audit saved command outputs with the same rules and reports as a live
sweep, with no device access (config-backup archives, outputs saved during
an incident).

DIR holds one entry per device, named after the device:
  DIR/<device>/<command>.txt   one file per command ("show version.txt";
                               a '/' in the command is written %2F)
  DIR/<device>[.cfg]           a config-backup file as RANCID writes it
                               ("!Image:", "!ROM Bootstrap:", "!BOOTLDR:"
                               lines) or Oxidized's ios, nxos or junos model
                               ("! " / "# " comment lines above the config)
  DIR/<group>/<device>         Oxidized's repository layout (and RANCID's
                               <group>/configs/): a folder of backup files
                               is a group, not a device
  DIR/<case>/ or BUNDLE.tar.gz what "fwaudit evidence" writes: its SHA256SUMS
                               and snapshot digest are checked first; a
                               changed or unsafe member is refused by name;
                               its saved SNMP answers and signed
                               boot-integrity outputs are judged again

A fact a backup format does not keep (Oxidized drops BOOTLDR and the
configuration register, its junos model runs no show chassis firmware)
leaves the device unassessed with that reason (PARSE-001), never clean.

The platform of each device comes from the inventory when -i is given,
else from --platform, else it is detected from its show version.

EXAMPLES
  fwaudit ingest ./saved -i inventory/ -o json
  fwaudit ingest /var/lib/oxidized/configs --platform cisco_ios
  fwaudit ingest /cases/INC-77/lon-wan-02-57.tar.gz -o detail
` + exitStatusHelp

// ingestOptions are the options of fwaudit ingest.
type ingestOptions struct {
	referenceFlags
	measurementFlags
	planFlags
	Platform string
	Output   string
	Wide     bool
	FailOn   string
}

func newIngestCommand(ro *rootOptions) *cobra.Command {
	var opts ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest DIR|BUNDLE.tar.gz",
		Short: "Audit saved outputs offline (same rules, plans and reports as sweep)",
		Long:  ingestLong,
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIngest(cmd.Context(), opts, ro, args[0], cmd.Flags().Changed("inventory"), cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	opts.addInventory(fs)
	opts.addBaselines(fs)
	opts.measurementFlags.addFlags(fs)
	opts.planFlags.addFlags(fs)
	fs.StringVar(&opts.Platform, "platform", "", "platform of devices the inventory does not name (else detected from show version)")
	addOutputFlag(fs, &opts.Output, "table", append([]string{"detail"}, reportFormats...)...)
	addWideFlag(fs, &opts.Wide)
	addFailOnFlag(fs, &opts.FailOn)
	return cmd
}

func runIngest(ctx context.Context, opts ingestOptions, ro *rootOptions, dir string, useInventory bool, stdout io.Writer) error {
	m, err := opts.measurementFlags.options()
	if err != nil {
		return err
	}
	run, err := pipeline.Ingest(ctx, pipeline.IngestOptions{References: opts.refs(), UseInventory: useInventory,
		Dir: dir, Platform: opts.Platform, Offbox: m, Logger: ro.logger,
		Plan: plan.Options{ImageSource: opts.ImageSource, EvidenceDest: opts.EvidenceDest}})
	if err != nil && run.StartedAt.IsZero() {
		return err
	}
	if rerr := renderReport(opts.Output, opts.Wide)(stdout, run); rerr != nil {
		return fmt.Errorf("render report: %w", rerr)
	}
	if err != nil {
		return err
	}
	return runOutcome(run, opts.FailOn)
}
