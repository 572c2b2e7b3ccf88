package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/store"
)

// historyCommands are the commands that read or write the history store.
func historyCommands(g *globalOptions) []*cobra.Command {
	return []*cobra.Command{newHistoryCommand(g), newSnapshotCommand(g), newVerifyChangeCommand(g),
		newDiffCommand(g), newStoreCommand(g), newLogsCommand(g), newEvidenceCommand(g)}
}

const storeVerifyLong = `Check the history store for tampering: recompute every snapshot's SHA-256
over its facts, findings and raw outputs, and every link of each device's
hash chain. A snapshot edited, removed or inserted behind fwaudit's back is
reported.

EXIT STATUS
  0  the store is consistent
  1  tampering or corruption found
  2  the store could not be read
  3  bad usage`

func newStoreCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{Use: "store", Short: "Maintain the history store"}
	cmd.AddCommand(&cobra.Command{
		Use:   "verify",
		Short: "Detect tampering with stored snapshots",
		Long:  storeVerifyLong,
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runStoreVerify(cmd.Context(), *g, cmd.OutOrStdout())
		},
	})
	return cmd
}

func runStoreVerify(ctx context.Context, g globalOptions, stdout io.Writer) error {
	if err := g.setup(); err != nil {
		return err
	}
	st, err := openStoreRead(ctx, g)
	if err != nil {
		return err
	}
	defer st.Close()
	probs, err := st.Verify(ctx)
	if err != nil {
		return err
	}
	if g.Output == "json" {
		if probs == nil {
			probs = []store.Problem{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"schema": "fwaudit.store-verify/v1", "problems": probs}); err != nil {
			return err
		}
	} else {
		for _, p := range probs {
			fmt.Fprintf(stdout, "snapshot %d (%s): %s\n", p.SnapshotID, p.Device, p.What)
		}
		if len(probs) == 0 {
			fmt.Fprintf(stdout, "%s: every snapshot and chain link verified\n", st.Path())
		}
	}
	if len(probs) > 0 {
		return fmt.Errorf("%w: %d problem(s) in %s", store.ErrTampered, len(probs), st.Path())
	}
	return nil
}
