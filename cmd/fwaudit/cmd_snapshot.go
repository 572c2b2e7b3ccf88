package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"
)

const snapshotLong = `Audit the selected devices and keep their snapshots in the history store
under a label, before a maintenance: after it, verify-change diffs against
them. Select devices as for sweep (--device, --filter, or names).

EXAMPLES
  fwaudit snapshot --label CHG-0042 --device 'lon-*'
  fwaudit verify-change --pre CHG-0042 --change CHG-0042
` + exitStatusHelp

func newSnapshotCommand(g *globalOptions) *cobra.Command {
	var label string
	cmd := &cobra.Command{
		Use:   "snapshot --label LABEL [NAME...]",
		Short: "Audit and keep labelled snapshots (before a change)",
		Long:  snapshotLong,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSnapshot(cmd.Context(), *g, label, args, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&label, "label", "", "label the snapshots carry (e.g. the change id)")
	return cmd
}

func runSnapshot(ctx context.Context, g globalOptions, label string, names []string, stdout io.Writer) error {
	if err := g.setup(); err != nil {
		return err
	}
	if label == "" {
		return usageErrorf("--label: required")
	}
	if !historyEnabled(g) {
		return usageErrorf("--state: snapshot needs a history store")
	}
	format, err := reportFormat(g.Output)
	if err != nil {
		return err
	}
	g.label = label
	return auditRun(ctx, g, names, format, stdout)
}

func reportFormat(o string) (string, error) {
	switch o {
	case "":
		return "table", nil
	case "table", "json":
		return o, nil
	}
	return "", usageErrorf("--output: %q is not one of table, json", o)
}
