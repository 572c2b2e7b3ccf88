package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
)

const storeHeadsLong = `Print a statement of every device's latest chain link (newest snapshot
id and chain value, an acceptance on it included) and the newest run, with
a SHA-256 over all of it. Keep it outside the database (a ticket, the SIEM,
write-once storage) and check a later store against it with
'fwaudit store verify --heads FILE'.

EXIT STATUS
  0  the statement was printed
  2  the store could not be read
  3  bad usage`

// storeHeadsOptions are the options of fwaudit store heads.
type storeHeadsOptions struct {
	State  string
	Output string
}

func newStoreHeadsCommand() *cobra.Command {
	var opts storeHeadsOptions
	cmd := &cobra.Command{
		Use:   "heads",
		Short: "Print the chain heads to keep outside the store",
		Long:  storeHeadsLong,
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runStoreHeads(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.State, "state", defaultState(), stateHelp)
	addOutputFlag(cmd.Flags(), &opts.Output, "json", "json", "table")
	return cmd
}

func runStoreHeads(ctx context.Context, opts storeHeadsOptions, stdout io.Writer) error {
	st, err := pipeline.OpenStoreRead(ctx, opts.State)
	if err != nil {
		return err
	}
	defer st.Close()
	stmt, err := st.Heads(ctx)
	if err != nil {
		return err
	}
	if opts.Output == "json" {
		return store.WriteStatement(stdout, stmt)
	}
	fmt.Fprintf(stdout, "run %d\n", stmt.Run)
	for _, h := range stmt.Heads {
		fmt.Fprintf(stdout, "%s\tsnapshot %d\t%s\n", h.Device, h.SnapshotID, h.Chain)
	}
	fmt.Fprintf(stdout, "statement sha256 %s\n", stmt.Digest)
	return nil
}
