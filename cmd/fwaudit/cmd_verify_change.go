package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/audit"
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

func newVerifyChangeCommand(g *globalOptions) *cobra.Command {
	var pre, change string
	cmd := &cobra.Command{
		Use:   "verify-change --pre LABEL --change ID",
		Short: "Check a maintenance against its change record",
		Long:  verifyChangeLong,
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVerifyChange(cmd.Context(), *g, pre, change, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&pre, "pre", "", "label of the pre-change snapshots")
	cmd.Flags().StringVar(&change, "change", "", "id of the change record in the change-window file")
	return cmd
}

func runVerifyChange(ctx context.Context, g globalOptions, pre, change string, stdout io.Writer) error {
	if err := g.setup(); err != nil {
		return err
	}
	if pre == "" || change == "" {
		return usageErrorf("--pre and --change are both required")
	}
	format, err := reportFormat(g.Output)
	if err != nil {
		return err
	}
	snaps, err := labelledSnapshots(ctx, g, pre)
	if err != nil {
		return err
	}
	g.pre = map[string]*audit.Previous{}
	var names []string
	for _, s := range snaps {
		if s.Status != store.StatusOK {
			return fmt.Errorf("%w: snapshot %d of %s labelled %q was not audited (%s); take it again",
				errConfig, s.ID, s.Device, pre, s.Error)
		}
		g.pre[s.Device] = s.Previous()
		names = append(names, s.Device)
	}
	g.onlyChange, g.label = change, "post:"+pre
	return auditRun(ctx, g, names, format, stdout)
}

func labelledSnapshots(ctx context.Context, g globalOptions, label string) ([]store.Snapshot, error) {
	st, err := openStoreRead(ctx, g)
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

// preHistory answers History with the labelled pre-change snapshots.
type preHistory map[string]*audit.Previous

func (p preHistory) Previous(_ context.Context, device string) (*audit.Previous, error) {
	return p[device], nil
}
