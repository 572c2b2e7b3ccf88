package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
	"fwaudit/internal/textsafe"
)

const historyLong = `Show the timeline of one device from the history store (--state): for
every snapshot its time, label, ROMMON / boot-loader versions, OS and image,
boot variable, configuration register, uptime and the rules that fired.
Oldest first.

EXAMPLES
  fwaudit history lon-wan-02
  fwaudit history lon-wan-02 --limit 10 -o json`

// historyOptions are the options of fwaudit history.
type historyOptions struct {
	State  string
	Limit  int
	Output string
}

func newHistoryCommand(ro *rootOptions) *cobra.Command {
	var opts historyOptions
	cmd := &cobra.Command{
		Use:   "history NAME",
		Short: "Show a device's snapshot timeline",
		Long:  historyLong,
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHistory(cmd.Context(), opts, args[0], cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.State, "state", defaultState(), stateHelp)
	fs.IntVar(&opts.Limit, "limit", 0, "show only the newest N snapshots (0: all)")
	addOutputFlag(fs, &opts.Output, "table", "table", "json")
	return cmd
}

// historyJSON is what `fwaudit history -o json` prints.
type historyJSON struct {
	Schema    string         `json:"schema"`
	Device    string         `json:"device"`
	Snapshots []historyEntry `json:"snapshots"`
}

// historyEntry is one line of the timeline (-o json).
type historyEntry struct {
	ID            int64     `json:"id"`
	TakenAt       time.Time `json:"taken_at"`
	Label         string    `json:"label,omitempty"`
	Status        string    `json:"status"`
	Error         string    `json:"error,omitempty"`
	ROMMON        string    `json:"rommon"`
	OSVersion     string    `json:"os_version"`
	Image         string    `json:"image"`
	Boot          string    `json:"boot"`
	ConfigReg     string    `json:"config_register"`
	UptimeSeconds int64     `json:"uptime_seconds"`
	Findings      string    `json:"findings"`
	Chain         string    `json:"chain"`
}

func runHistory(ctx context.Context, opts historyOptions, device string, stdout io.Writer) error {
	st, err := pipeline.OpenStoreRead(ctx, opts.State)
	if err != nil {
		return err
	}
	defer st.Close()
	snaps, err := st.History(ctx, device, opts.Limit)
	if err != nil {
		return err
	}
	if len(snaps) == 0 {
		return fmt.Errorf("history of %q: %w", textsafe.Field(device), store.ErrNotFound)
	}
	entries := make([]historyEntry, len(snaps))
	for i, s := range snaps {
		entries[i] = historyEntry{ID: s.ID, TakenAt: s.TakenAt, Label: s.Label, Status: s.Status, Error: s.Error,
			ROMMON: store.ROMText(s.Facts), OSVersion: s.Facts.OSVersion, Image: s.Facts.Image,
			Boot: joinBoot(s.Facts.Boot.System), ConfigReg: s.Facts.Boot.ConfigRegister,
			UptimeSeconds: s.Facts.UptimeSeconds, Findings: store.RulesText(s), Chain: s.Chain}
		entries[i].sanitize()
	}
	switch opts.Output {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(historyJSON{Schema: "fwaudit.history/v1", Device: textsafe.Field(device), Snapshots: entries})
	default:
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTAKEN\tLABEL\tSTATUS\tROMMON\tOS\tBOOT\tCONFREG\tUPTIME\tFINDINGS")
		for _, e := range entries {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, e.TakenAt.UTC().Format(time.RFC3339),
				dash(e.Label), e.Status, dash(e.ROMMON), dash(e.OSVersion), dash(e.Boot), dash(e.ConfigReg),
				time.Duration(e.UptimeSeconds)*time.Second, dash(e.Findings))
		}
		return tw.Flush()
	}
}

func (e *historyEntry) sanitize() {
	for _, s := range []*string{&e.Label, &e.Status, &e.Error, &e.ROMMON, &e.OSVersion, &e.Image, &e.Boot, &e.ConfigReg, &e.Findings} {
		*s = textsafe.Field(*s)
	}
}

func joinBoot(xs []string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
