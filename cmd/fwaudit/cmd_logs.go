package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
	"fwaudit/internal/logparse"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/report"
	"fwaudit/internal/textsafe"
)

const logsLong = `Read syslog files from a collector (RFC 3164 and RFC 5424 lines, as rsyslog
or syslog-ng write them) and TFTP / FTP / SCP server logs (tftpd-hpa "RRQ from
ADDR filename F", vsftpd, sshd), and report:
  LOG-001  a login or transfer from a source outside policy.management_networks
  LOG-002  a firmware transfer, image copy or ROMMON upgrade outside every
           change window (--changes, default baselines/changes.yaml)
Events are grouped by the host that logged them; windows match that name.
RFC 3164 lines carry no year: the latest year not in the future is assumed.

EXAMPLES
  fwaudit logs /var/log/network/*.log /var/log/tftpd.log
  fwaudit logs -o json collector.log

EXIT STATUS
  0  nothing to report   1  findings   2  a file could not be read (or suspect
  events over the in-memory cap, reported, without findings)   3  bad usage
Harmless events are judged as they are read and not kept, so memory stays
bounded however long the files are. Each FILE must be a regular file: a FIFO,
a device (a /dev/zero symlink) or a directory is refused, naming it.`

// logsOptions are the options of fwaudit logs.
type logsOptions struct {
	referenceFlags // baselines (policy.management_networks) and change windows
	Output         string
}

func newLogsCommand(ro *rootOptions) *cobra.Command {
	var opts logsOptions
	cmd := &cobra.Command{
		Use:   "logs FILE...",
		Short: "Audit collector syslog and TFTP/SCP server logs (LOG-001, LOG-002)",
		Long:  logsLong,
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLogs(cmd.Context(), opts, ro, args, cmd.OutOrStdout())
		},
	}
	opts.addBaselines(cmd.Flags())
	addOutputFlag(cmd.Flags(), &opts.Output, "table", "table", "json")
	return cmd
}

// logsJSON is what `fwaudit logs -o json` prints.
type logsJSON struct {
	Schema   string       `json:"schema"`
	Events   int          `json:"events"`
	Dropped  int          `json:"dropped_suspect_events"` // over the in-memory cap: not judged
	Findings []logFinding `json:"findings"`
}

// logFinding is one finding of one logging host (-o json).
type logFinding struct {
	Host string `json:"host"`
	audit.Finding
}

func runLogs(_ context.Context, opts logsOptions, ro *rootOptions, files []string, stdout io.Writer) error {
	set, err := pipeline.LoadBaselines(opts.Baselines)
	if err != nil {
		return err
	}
	changes, err := pipeline.LoadChanges(opts.refs(), "", nil)
	if err != nil {
		return err
	}
	now := time.Now()
	kept := newSuspectEvents(func(ev facts.LogEvent) bool {
		in := audit.Input{Device: ev.Host, Facts: facts.Facts{Logs: []facts.LogEvent{ev}}, Policy: set.Policy, Changes: changes, Now: now}
		return len(audit.EvaluateLogs(in)) > 0
	})
	events := 0
	for _, name := range files {
		n, err := scanLogFile(name, kept.add)
		events += n
		if err != nil {
			return err
		}
	}
	var found []logFinding
	for _, host := range slices.Sorted(maps.Keys(kept.byHost)) {
		in := audit.Input{Device: host, Facts: facts.Facts{Logs: kept.byHost[host]}, Policy: set.Policy, Changes: changes, Now: now}
		for _, f := range audit.EvaluateLogs(in) {
			found = append(found, logFinding{Host: textsafe.Field(host), Finding: f})
		}
	}
	ro.logger.Info("logs read", "files", len(files), "events", events, "findings", len(found), "dropped", kept.dropped)
	if err := renderLogFindings(stdout, opts.Output, events, kept.dropped, found); err != nil {
		return err
	}
	if len(found) > 0 {
		return &outcomeError{summary: report.Summary{Drift: len(found)}}
	}
	if kept.dropped > 0 { // cannot happen without findings; fail closed anyway
		return fmt.Errorf("logs: %d suspect event(s) over the cap of %d were not judged", kept.dropped, maxSuspectEvents)
	}
	return nil
}

// maxSuspectEvents bounds the events kept in memory: only events that
// raise a finding on their own are kept (harmless ones are judged as they
// are read and dropped), so a flood of harmless lines cannot hide a login.
const maxSuspectEvents = 100000

// suspectEvents keeps, per logging host, the events a rule flags on their
// own (LOG-001 and LOG-002 judge each event by itself: source and time),
// so judging the kept events gives the same findings as judging them all.
type suspectEvents struct {
	suspect func(facts.LogEvent) bool
	byHost  map[string][]facts.LogEvent
	kept    int
	dropped int // suspect events over maxSuspectEvents, reported
}

func newSuspectEvents(suspect func(facts.LogEvent) bool) *suspectEvents {
	return &suspectEvents{suspect: suspect, byHost: map[string][]facts.LogEvent{}}
}

func (s *suspectEvents) add(ev facts.LogEvent) error {
	if !s.suspect(ev) {
		return nil
	}
	if s.kept >= maxSuspectEvents {
		s.dropped++
		return nil
	}
	s.kept++
	s.byHost[ev.Host] = append(s.byHost[ev.Host], ev)
	return nil
}

func scanLogFile(name string, fn func(facts.LogEvent) error) (int, error) {
	f, err := openLogFile(name)
	if err != nil {
		return 0, fmt.Errorf("read log: %w", err)
	}
	defer f.Close()
	return logparse.ScanSyslog(f, name, fn)
}

// errNotRegularLog is a log path that is a FIFO, a device or a socket.
var errNotRegularLog = errors.New("not a regular file")

// openLogFile opens a regular file only, as inventories and baselines are
// read: without blocking, so a FIFO (whose open waits for a writer, deaf
// to SIGINT) is refused at once, and a symlink to /dev/zero is refused,
// not read forever. Reading is then streamed (ScanSyslog), one bounded
// line at a time.
func openLogFile(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("%s: %w (%s)", textsafe.Field(name), errNotRegularLog, fileKind(st.Mode()))
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// fileKind names what a non-regular file is, for the error.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return "type " + m.Type().String()
}

func renderLogFindings(w io.Writer, format string, events, dropped int, found []logFinding) error {
	switch format {
	case "json":
		if found == nil {
			found = []logFinding{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(logsJSON{Schema: "fwaudit.logs/v1", Events: events, Dropped: dropped, Findings: found})
	case "", "table":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "HOST\tRULE\tSEVERITY\tOBSERVED\tESCALATE\tEVIDENCE")
		for _, f := range found {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%t\t%s\n", dash(f.Host), f.Rule, f.Severity, f.Observed, f.Escalate, f.Evidence)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if dropped > 0 {
			fmt.Fprintf(w, "cap reached: %d suspect event(s) over %d were not judged\n", dropped, maxSuspectEvents)
		}
		_, err := fmt.Fprintf(w, "%d event(s), %d finding(s)\n", events, len(found))
		return err
	}
	return usageErrorf("--output: %q is not one of table, json", format)
}
