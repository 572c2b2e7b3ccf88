package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
)

const storePruneLong = `Remove old snapshots (with their raw outputs and expired acceptances)
from the history store, keeping the hash chain verifiable: each device's
pruned prefix is summarized by a checkpoint, its last link (snapshot id and
chain value), and the first snapshot kept chains to it. 'store verify' and
'store verify --heads' pass afterwards; deleting further rows is still
detected.

--keep 90d keeps the snapshots taken in the last 90 days (also 36h, 30m);
--keep N keeps each device's newest N. A device's newest snapshot is always
kept, and so is every snapshot from the first one that carries an
acceptance still in force. The store is verified first: prune refuses a
store that does not verify (it would launder the tampering into a
checkpoint). A statement from 'store heads' older than the prune horizon
can only be checked against the checkpoint.

EXIT STATUS
  0  pruned (or nothing to prune)
  1  the store does not verify: nothing pruned
  2  the store could not be read or written
  3  bad usage`

type storePruneOptions struct {
	State    string
	Keep     string
	LockWait time.Duration
	Output   string
}

func newStorePruneCommand() *cobra.Command {
	var opts storePruneOptions
	cmd := &cobra.Command{
		Use:   "prune --keep 90d|N",
		Short: "Remove old snapshots, keeping the chain verifiable",
		Long:  storePruneLong,
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runStorePrune(cmd.Context(), opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.State, "state", defaultState(), stateHelp)
	cmd.Flags().StringVar(&opts.Keep, "keep", "", "what to keep: a duration (90d, 36h) or a count per device (N)")
	cmd.Flags().DurationVar(&opts.LockWait, "lock-wait", 0, "how long to wait for a sweep that holds the store")
	addOutputFlag(cmd.Flags(), &opts.Output, "table", "table", "json")
	return cmd
}

// parseKeep reads --keep: N (a count per device) or a duration, where Nd
// is N days.
func parseKeep(s string) (store.PruneOptions, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 {
			return store.PruneOptions{}, usageErrorf("--keep: a count must be at least 1")
		}
		return store.PruneOptions{KeepLast: n}, nil
	}
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 {
			return store.PruneOptions{}, usageErrorf("--keep %q: want N, Nd, or a duration such as 36h", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil || d <= 0 {
			return store.PruneOptions{}, usageErrorf("--keep %q: want N, Nd, or a duration such as 36h", s)
		}
	}
	return store.PruneOptions{KeepFor: d}, nil
}

func runStorePrune(ctx context.Context, opts storePruneOptions, stdout io.Writer) error {
	if opts.Keep == "" {
		return usageErrorf("--keep: required (90d, or a count per device)")
	}
	po, err := parseKeep(opts.Keep)
	if err != nil {
		return err
	}
	if !pipeline.HistoryEnabled(opts.State) {
		return usageErrorf("--state: no history store given")
	}
	st, err := pipeline.OpenStore(ctx, pipeline.History{State: opts.State, LockWait: opts.LockWait}, "")
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Prune(ctx, po)
	if err != nil {
		return err
	}
	if opts.Output == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Schema string `json:"schema"`
			store.PruneResult
		}{"fwaudit.store-prune/v1", res})
	}
	fmt.Fprintf(stdout, "%s: pruned %d snapshots of %d devices\n", st.Path(), res.Snapshots, res.Devices)
	return nil
}
