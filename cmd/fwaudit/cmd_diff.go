package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"fwaudit/internal/change"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/report"
	"fwaudit/internal/store"
	"fwaudit/internal/textsafe"
)

const diffLong = `Compare two snapshots from the history store. A and B are each a snapshot
id (42), a label (CHG-0042: every device's newest snapshot with it) or
DEVICE@LABEL. Two labels are compared device by device.

EXAMPLES
  fwaudit diff 41 57
  fwaudit diff CHG-0042 post:CHG-0042
  fwaudit diff lon-wan-02@CHG-0042 lon-wan-02@post:CHG-0042 -o json

EXIT STATUS
  0  no difference   1  differences found   3  bad usage`

// diffOptions are the options of fwaudit diff.
type diffOptions struct {
	State  string
	Output string
}

func newDiffCommand(*rootOptions) *cobra.Command {
	var opts diffOptions
	cmd := &cobra.Command{
		Use:   "diff A B",
		Short: "Compare two snapshots (by id, label or device@label)",
		Long:  diffLong,
		Args:  usageArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd.Context(), opts, args[0], args[1], cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.State, "state", defaultState(), stateHelp)
	addOutputFlag(cmd.Flags(), &opts.Output, "table", "table", "json")
	return cmd
}

// diffJSON is what `fwaudit diff -o json` prints.
type diffJSON struct {
	Schema  string       `json:"schema"`
	Devices []deviceDiff `json:"devices"`
}

// deviceDiff is the difference of one device's two snapshots.
type deviceDiff struct {
	Device  string          `json:"device"`
	From    int64           `json:"from"`
	To      int64           `json:"to"`
	Changes []change.Change `json:"changes"`
	Missing string          `json:"missing,omitempty"` // "a" or "b": the device has no snapshot there
}

func runDiff(ctx context.Context, opts diffOptions, a, b string, stdout io.Writer) error {
	st, err := pipeline.OpenStoreRead(ctx, opts.State)
	if err != nil {
		return err
	}
	defer st.Close()
	as, err := resolveSnapshots(ctx, st, a)
	if err != nil {
		return err
	}
	bs, err := resolveSnapshots(ctx, st, b)
	if err != nil {
		return err
	}
	diffs, err := pairDiffs(as, bs)
	if err != nil {
		return usageErrorf("%w", err)
	}
	changed := 0
	for i := range diffs {
		d := &diffs[i]
		d.Device = textsafe.Field(d.Device)
		for j := range d.Changes {
			c := &d.Changes[j]
			c.Subject, c.Before, c.After = textsafe.Field(c.Subject), textsafe.Field(c.Before), textsafe.Field(c.After)
			if c.Reload != nil {
				c.Reload.Reason = textsafe.Field(c.Reload.Reason)
			}
		}
		if len(d.Changes) > 0 || d.Missing != "" {
			changed++
		}
	}
	if err := renderDiff(stdout, opts.Output, diffs); err != nil {
		return err
	}
	if changed > 0 {
		return &outcomeError{summary: report.Summary{Drift: changed}}
	}
	return nil
}

// resolveSnapshots reads "42", "LABEL" or "DEVICE@LABEL".
func resolveSnapshots(ctx context.Context, st *store.Store, ref string) ([]store.Snapshot, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		s, err := st.Get(ctx, id)
		if err != nil {
			return nil, usageErrorf("%s", err)
		}
		return []store.Snapshot{s}, nil
	}
	device, label, byDevice := strings.Cut(ref, "@")
	if !byDevice {
		label = ref
	}
	snaps, err := st.Labelled(ctx, label)
	if err != nil {
		return nil, usageErrorf("%s", err)
	}
	if !byDevice {
		return snaps, nil
	}
	for _, s := range snaps {
		if s.Device == device {
			return []store.Snapshot{s}, nil
		}
	}
	return nil, usageErrorf("no snapshot of %q labelled %q", textsafe.Field(device), textsafe.Field(label))
}

// pairDiffs pairs snapshots by device; two single snapshots must be of
// the same device (change.SameDevice).
func pairDiffs(as, bs []store.Snapshot) ([]deviceDiff, error) {
	if len(as) == 1 && len(bs) == 1 {
		a, b := diffSnapshot(as[0]), diffSnapshot(bs[0])
		if err := change.SameDevice(a, b); err != nil {
			return nil, err
		}
		return []deviceDiff{{Device: as[0].Device, From: as[0].ID, To: bs[0].ID, Changes: change.Compare(a, b)}}, nil
	}
	byDev := map[string]store.Snapshot{}
	for _, s := range bs {
		byDev[s.Device] = s
	}
	var out []deviceDiff
	for _, s := range as {
		t, ok := byDev[s.Device]
		delete(byDev, s.Device)
		if !ok {
			out = append(out, deviceDiff{Device: s.Device, From: s.ID, Missing: "b"})
			continue
		}
		out = append(out, deviceDiff{Device: s.Device, From: s.ID, To: t.ID, Changes: change.Compare(diffSnapshot(s), diffSnapshot(t))})
	}
	for _, t := range bs {
		if _, left := byDev[t.Device]; left {
			out = append(out, deviceDiff{Device: t.Device, To: t.ID, Missing: "a"})
		}
	}
	return out, nil
}

// diffSnapshot is a stored snapshot in the change model, with its outcome.
func diffSnapshot(s store.Snapshot) change.Snapshot {
	rules := make([]string, 0, len(s.Findings))
	for _, f := range s.Findings {
		rules = append(rules, f.Rule)
	}
	return change.Snapshot{Device: s.Device, CollectedAt: s.TakenAt, Facts: s.Facts,
		Outcome: &change.Outcome{Status: s.Status, Rules: rules}}
}

func renderDiff(w io.Writer, format string, diffs []deviceDiff) error {
	switch format {
	case "json":
		for i := range diffs {
			if diffs[i].Changes == nil {
				diffs[i].Changes = []change.Change{}
			}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(diffJSON{Schema: "fwaudit.diff/v1", Devices: diffs})
	case "", "table":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DEVICE\tSNAPSHOTS\tFIELD\tFROM\tTO")
		for _, d := range diffs {
			ids := fmt.Sprintf("%d→%d", d.From, d.To)
			switch {
			case d.Missing != "":
				fmt.Fprintf(tw, "%s\t%s\t(no snapshot in %s)\t\t\n", d.Device, ids, d.Missing)
			case len(d.Changes) == 0:
				fmt.Fprintf(tw, "%s\t%s\t(no change)\t\t\n", d.Device, ids)
			}
			for _, c := range d.Changes {
				field, to := string(c.Kind), c.After
				if c.Subject != "" {
					field += " " + c.Subject
				}
				if c.Reload != nil && c.Reload.Reason != "" {
					to += ", reason: " + c.Reload.Reason
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.Device, ids, field, dash(c.Before), dash(to))
			}
		}
		return tw.Flush()
	}
	return usageErrorf("--output: %q is not one of table, json", format)
}
