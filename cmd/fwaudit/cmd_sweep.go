package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/pipeline"
)

const sweepLong = `Audit every selected device in the inventory: log in over SSH (host keys
checked before any credential is sent) and read SNMP where the inventory
configures it, collect ROMMON / boot-loader versions, the running image, boot
variables, the configuration register, ENTITY-MIB firmware revisions and image
hashes (the device's own; off the box with --offbox-hash), and compare them
with the approved baselines, the change windows and each device's history.

Built for cron: the report goes to stdout, logs to stderr, a progress bar only
when stderr is a terminal. Select devices with --device (names or globs,
repeatable) and --filter site=dc1,role=core,tag=pci.

EXAMPLES
  fwaudit sweep -i inventory/ -b baselines/
  fwaudit sweep --filter site=dc1 -o json > audit.json
  fwaudit sweep -o html > fleet.html
  fwaudit sweep -o json --syslog udp://siem.example:514 --metrics-file /var/lib/node_exporter/fwaudit.prom
` + exitStatusHelp

// sweepOptions are the options of fwaudit sweep.
type sweepOptions struct {
	auditFlags
	selectFlags
	deliveryFlags
	HeadsOut string
}

func newSweepCommand(ro *rootOptions) *cobra.Command {
	var opts sweepOptions
	cmd := &cobra.Command{
		Use:   "sweep",
		Short: "Audit every device in the inventory",
		Long:  sweepLong,
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSweep(cmd.Context(), opts, ro, cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	opts.auditFlags.addFlags(fs, "table", reportFormats...)
	opts.selectFlags.addFlags(fs)
	opts.deliveryFlags.addFlags(fs)
	fs.StringVar(&opts.HeadsOut, "heads-out", "", "after the sweep, write the history store's chain-head statement to FILE (check it later with store verify --heads FILE)")
	return cmd
}

func runSweep(ctx context.Context, opts sweepOptions, ro *rootOptions, stdout io.Writer) error {
	po, err := opts.pipelineOptions(ro, opts.selection(nil))
	if err != nil {
		return err
	}
	if opts.HeadsOut != "" && !pipeline.HistoryEnabled(opts.State) {
		return usageErrorf("--heads-out: needs a history store (--state)")
	}
	po.History.HeadsOut = opts.HeadsOut
	return runPipeline(ctx, ro, po, opts.Delivery, renderReport(opts.Output, opts.Wide), opts.FailOn, stdout)
}
