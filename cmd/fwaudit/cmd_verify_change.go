package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/audit"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
)

const verifyChangeLong = `The post-maintenance check. Sweep the devices of the snapshots labelled
--pre and compare each with its labelled snapshot instead of its latest one:
what the change record --change allows for the device (rommon, image, boot,
reload, config) passes; any other difference is a finding (ROM-002, IMG-005,
BOOT-003, REL-001), and a downgrade is one even when allowed (ROM-004,
IMG-006). The baseline rules run as in every sweep. The new snapshots are
kept under the label "post:LABEL".

EXAMPLES
  fwaudit snapshot --label CHG-0042 --device lon-wan-02
  ... maintenance ...
  fwaudit verify-change --pre CHG-0042 --change CHG-0042
` + exitStatusHelp

// verifyChangeOptions are the options of fwaudit verify-change.
type verifyChangeOptions struct {
	auditFlags
	deliveryFlags
	Pre, Change string
}

func newVerifyChangeCommand(ro *rootOptions) *cobra.Command {
	var opts verifyChangeOptions
	cmd := &cobra.Command{
		Use:   "verify-change --pre LABEL --change ID",
		Short: "Check a maintenance against its change record",
		Long:  verifyChangeLong,
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVerifyChange(cmd.Context(), opts, ro, cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	opts.auditFlags.addFlags(fs, "table", "table", "json")
	opts.deliveryFlags.addFlags(fs)
	fs.StringVar(&opts.Pre, "pre", "", "label of the pre-change snapshots")
	fs.StringVar(&opts.Change, "change", "", "id of the change record in the change-window file")
	return cmd
}

func runVerifyChange(ctx context.Context, opts verifyChangeOptions, ro *rootOptions, stdout io.Writer) error {
	if opts.Pre == "" || opts.Change == "" {
		return usageErrorf("--pre and --change are both required")
	}
	snaps, err := labelledSnapshots(ctx, opts.State, opts.Pre)
	if err != nil {
		return err
	}
	pre := map[string]*audit.Previous{}
	var names []string
	for _, s := range snaps {
		if s.Status != store.StatusOK {
			return fmt.Errorf("%w: snapshot %d of %s labelled %q was not audited (%s); take it again",
				errConfig, s.ID, s.Device, opts.Pre, s.Error)
		}
		pre[s.Device] = s.Previous()
		names = append(names, s.Device)
	}
	po, err := opts.pipelineOptions(ro, pipeline.Selection{Names: names})
	if err != nil {
		return err
	}
	po.History.Pre, po.History.OnlyChange, po.History.Label = pre, opts.Change, "post:"+opts.Pre
	return runPipeline(ctx, ro, po, opts.Delivery, renderReport(opts.Output, opts.Wide), opts.FailOn, stdout)
}

func labelledSnapshots(ctx context.Context, state, label string) ([]store.Snapshot, error) {
	st, err := pipeline.OpenStoreRead(ctx, state)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	snaps, err := st.Labelled(ctx, label)
	if err != nil {
		return nil, usageErrorf("--pre: %s", err)
	}
	return snaps, nil
}
