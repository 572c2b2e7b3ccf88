package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"fwaudit/internal/audit"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
	"fwaudit/internal/textsafe"
)

const findingsLong = `List the findings of the devices in the history store (--state), as of
now: each with its state — new (first report), open (reported again, not
accepted), accepted (an acceptance holds it, see fwaudit accept) — when it
was first and last reported, and its age. An acceptance that ended makes
its finding open again. Without DEVICE (names or globs), every device.

--show picks the states listed: new, open (new and open: what still needs
a decision; the default), accepted, or all. (--state names the store, as
in every other command.)

EXAMPLES
  fwaudit findings
  fwaudit findings lon-wan-02 --show all -o json
  fwaudit findings 'fra-*' --show accepted`

// findingsOptions are the options of fwaudit findings.
type findingsOptions struct {
	State  string
	Show   string
	Output string
}

func newFindingsCommand(*rootOptions) *cobra.Command {
	var opts findingsOptions
	cmd := &cobra.Command{
		Use:   "findings [DEVICE…]",
		Short: "List findings with their state (new, open, accepted) and age",
		Long:  findingsLong,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFindings(cmd.Context(), opts, args, time.Now(), cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.State, "state", defaultState(), stateHelp)
	opts.Show = audit.StateOpen
	fs.Var(&choiceValue{target: &opts.Show, choices: []string{audit.StateNew, audit.StateOpen, audit.StateAccepted, "all"}},
		"show", "finding states listed: new | open (new and open) | accepted | all")
	addOutputFlag(fs, &opts.Output, "table", "table", "json")
	return cmd
}

// findingsJSON is what `fwaudit findings -o json` prints.
type findingsJSON struct {
	Schema   string         `json:"schema"`
	AsOf     time.Time      `json:"as_of"`
	Findings []findingEntry `json:"findings"`
}

// findingEntry is one finding of one device.
type findingEntry struct {
	Device string `json:"device"`
	audit.Finding
	AgeSeconds int64 `json:"age_seconds"`
}

func runFindings(ctx context.Context, opts findingsOptions, names []string, now time.Time, stdout io.Writer) error {
	for _, n := range names {
		if _, err := path.Match(n, ""); err != nil {
			return usageErrorf("device %q: bad glob: %w", textsafe.Field(n), err)
		}
	}
	st, err := pipeline.OpenStoreRead(ctx, opts.State)
	if err != nil {
		return err
	}
	defer st.Close()
	devices, err := st.Devices(ctx)
	if err != nil {
		return err
	}
	out := findingsJSON{Schema: "fwaudit.findings/v1", AsOf: now.UTC(), Findings: []findingEntry{}}
	matched := map[string]bool{}
	for _, d := range devices {
		if !selected(d, names, matched) {
			continue
		}
		fs, err := st.Current(ctx, d, now)
		if err != nil {
			return err
		}
		for _, f := range fs {
			if shown(f.State, opts.Show) {
				out.Findings = append(out.Findings, findingEntry{Device: textsafe.Field(d), Finding: f, AgeSeconds: age(f, now)})
			}
		}
	}
	for _, n := range names {
		if !matched[n] {
			return fmt.Errorf("findings of %q: %w", textsafe.Field(n), store.ErrNotFound)
		}
	}
	if opts.Output == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tRULE\tSEVERITY\tSTATE\tFIRST SEEN\tAGE\tLAST SEEN\tOBSERVED\tACCEPTED")
	for _, e := range out.Findings {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Device, e.Rule, e.Severity, e.State,
			stamp(e.FirstSeen), ageText(time.Duration(e.AgeSeconds)*time.Second), stamp(e.LastSeen),
			dash(textsafe.Field(e.Observed)), acceptedText(e.Accepted))
	}
	return tw.Flush()
}

// selected: no names select every device; else d matches one (recorded).
func selected(d string, names []string, matched map[string]bool) bool {
	if len(names) == 0 {
		return true
	}
	ok := false
	for _, n := range names {
		if m, _ := path.Match(n, d); m {
			matched[n], ok = true, true
		}
	}
	return ok
}

func shown(state, show string) bool {
	switch show {
	case "all":
		return true
	case audit.StateOpen:
		return state != audit.StateAccepted
	}
	return state == show
}

func age(f audit.Finding, now time.Time) int64 {
	if f.FirstSeen.IsZero() {
		return 0
	}
	return int64(now.Sub(f.FirstSeen).Seconds())
}

// ageText is an age in days and hours, or minutes under an hour.
func ageText(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return fmt.Sprintf("%dd%dh", int(d.Hours())/24, int(d.Hours())%24)
	case d >= time.Hour:
		return fmt.Sprintf("%dh%dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dm", int(d.Minutes()))
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

func acceptedText(a *audit.Acceptance) string {
	if a == nil {
		return "-"
	}
	parts := []string{"by " + a.By, "at " + stamp(a.At)}
	if !a.Until.IsZero() {
		parts = append(parts, "until "+stamp(a.Until))
	}
	if a.Ticket != "" {
		parts = append(parts, "ticket "+a.Ticket)
	}
	return textsafe.Field(strings.Join(parts, ", ") + ": " + a.Reason)
}
