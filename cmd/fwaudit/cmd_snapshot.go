package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/pipeline"
)

const snapshotLong = `Audit the selected devices and keep their snapshots in the history store
under a label, before a maintenance: after it, verify-change diffs against
them. Select devices as for sweep (--device, --filter, or names).

EXAMPLES
  fwaudit snapshot --label CHG-0042 --device 'lon-*'
  fwaudit verify-change --pre CHG-0042 --change CHG-0042
` + exitStatusHelp

// snapshotOptions are the options of fwaudit snapshot.
type snapshotOptions struct {
	auditFlags
	selectFlags
	deliveryFlags
	Label string
}

func newSnapshotCommand(ro *rootOptions) *cobra.Command {
	var opts snapshotOptions
	cmd := &cobra.Command{
		Use:               "snapshot --label LABEL [NAME...]",
		Short:             "Audit and keep labelled snapshots (before a change)",
		Long:              snapshotLong,
		ValidArgsFunction: completeDevices(&opts.Inventory),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.selectFlags = opts.forNames(cmd.Flags(), args)
			return runSnapshot(cmd.Context(), opts, ro, args, cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	opts.auditFlags.addFlags(fs, "table", "table", "json")
	opts.selectFlags.addFlags(fs)
	opts.deliveryFlags.addFlags(fs)
	fs.StringVar(&opts.Label, "label", "", "label the snapshots carry (e.g. the change id)")
	return cmd
}

func runSnapshot(ctx context.Context, opts snapshotOptions, ro *rootOptions, names []string, stdout io.Writer) error {
	if opts.Label == "" {
		return usageErrorf("--label: required")
	}
	if !pipeline.HistoryEnabled(opts.State) {
		return usageErrorf("--state: snapshot needs a history store")
	}
	po, err := opts.pipelineOptions(ro, opts.selection(names))
	if err != nil {
		return err
	}
	po.History.Label = opts.Label
	return runPipeline(ctx, ro, po, opts.Delivery, renderReport(opts.Output, opts.Wide), opts.FailOn, stdout)
}
