package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
)

const storeVerifyLong = `Check the history store for tampering: recompute every snapshot's SHA-256
over its facts, findings and raw outputs, and every link of each device's
hash chain. A snapshot edited, removed or inserted behind fwaudit's back is
reported.

--heads FILE also checks the store against a statement 'fwaudit store heads'
wrote earlier and kept outside the database: a device whose history was
deleted, whose newest snapshots were removed, or whose chain was rewritten
with recomputed hashes is reported (store verify alone cannot see these).

EXIT STATUS
  0  the store is consistent
  1  tampering or corruption found
  2  the store could not be read
  3  bad usage`

func newStoreCommand(*rootOptions) *cobra.Command {
	cmd := &cobra.Command{Use: "store", Short: "Maintain the history store",
		Args: unknownCommand, RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() }}
	var opts storeVerifyOptions
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Detect tampering with stored snapshots",
		Long:  storeVerifyLong,
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runStoreVerify(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	verify.Flags().StringVar(&opts.State, "state", defaultState(), stateHelp)
	verify.Flags().StringVar(&opts.Heads, "heads", "", "check the store against this statement from 'fwaudit store heads'")
	addOutputFlag(verify.Flags(), &opts.Output, "table", "table", "json")
	cmd.AddCommand(verify, newStoreHeadsCommand(), newStorePruneCommand())
	return cmd
}

// storeVerifyJSON is what `fwaudit store verify -o json` prints.
type storeVerifyJSON struct {
	Schema   string          `json:"schema"`
	Problems []store.Problem `json:"problems"`
}

// storeVerifyOptions are the options of fwaudit store verify.
type storeVerifyOptions struct {
	State  string
	Output string
	Heads  string // statement file; "" checks the chains only
}

func runStoreVerify(ctx context.Context, opts storeVerifyOptions, stdout io.Writer) error {
	st, err := pipeline.OpenStoreRead(ctx, opts.State)
	if err != nil {
		return err
	}
	defer st.Close()
	var stmt store.Statement
	if opts.Heads != "" {
		if stmt, err = store.ReadStatementFile(opts.Heads); err != nil {
			return err
		}
	}
	probs, err := st.Verify(ctx)
	if err != nil {
		return err
	}
	if opts.Heads != "" {
		headProbs, err := st.CheckHeads(ctx, stmt)
		if err != nil {
			return err
		}
		probs = append(probs, headProbs...)
	}
	if opts.Output == "json" {
		if probs == nil {
			probs = []store.Problem{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(storeVerifyJSON{Schema: "fwaudit.store-verify/v1", Problems: probs}); err != nil {
			return err
		}
	} else {
		for _, p := range probs {
			if p.SnapshotID == 0 && p.Device == "" { // a run's row
				fmt.Fprintln(stdout, p.What)
				continue
			}
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
