package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/spf13/cobra"

	"fwaudit/internal/audit"
	"fwaudit/internal/platform"
	"fwaudit/internal/textsafe"
	"fwaudit/internal/version"
)

// rootOptions are the only flags every command shares: the config file
// and the logging. Everything else belongs to the command that uses it.
type rootOptions struct {
	LogLevel, LogFormat string

	stderr     io.Writer
	logger     *slog.Logger
	configFile string // the config file read, logged once the logger exists
}

// setup builds the logger.
func (r *rootOptions) setup() error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(r.LogLevel)); err != nil {
		return usageErrorf("--log-level: %q is not one of debug, info, warn, error", r.LogLevel)
	}
	hopts := &slog.HandlerOptions{Level: level}
	switch r.LogFormat {
	case "text":
		r.logger = slog.New(slog.NewTextHandler(r.stderr, hopts))
	case "json":
		r.logger = slog.New(slog.NewJSONHandler(r.stderr, hopts))
	default:
		return usageErrorf("--log-format: %q is not one of text, json", r.LogFormat)
	}
	if r.configFile != "" {
		r.logger.Info("config file read", "file", r.configFile)
	}
	return nil
}

// programVersion is recorded in the store, CEF and evidence.
func programVersion() string { return version.Current().String() }

const exitStatusHelp = `
EXIT STATUS
  0  nothing to report: every device audited and assessed, no finding at or above --fail-on
  1  drift: a finding at or above --fail-on (default low; info never counts; outranks errors)
  2  some devices could not be audited or are unassessed (no baseline, boot chain unreadable), and no drift
  3  bad usage or configuration`

func newRootCommand(stdout, stderr io.Writer) (*cobra.Command, *rootOptions) {
	ro := &rootOptions{stderr: stderr}
	root := &cobra.Command{
		Use:   "fwaudit",
		Short: "Audit router and switch firmware integrity (ROMMON, images, boot variables)",
		Long: `fwaudit logs in to routers and switches over SSH, collects ROMMON / boot-loader
versions, the running image, boot variables, the configuration register and the
device's own image hashes, and compares them with the approved baselines.
It defends against MITRE ATT&CK T1542.004 (ROMMONkit).

Host keys are checked against known_hosts by default; on a changed key no
credentials are sent. Secrets come only from environment variables or files
named in the inventory.` + exitStatusHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          unknownCommand,
		RunE:          func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		PersistentPreRunE: func(*cobra.Command, []string) error {
			return ro.setup()
		},
	}
	root.SuggestionsMinimumDistance = 2
	root.SetOut(stdout)
	root.SetErr(stderr)
	setVersionFlag(root) // cmd_version.go: --version prints what `fwaudit version` does
	pf := root.PersistentFlags()
	pf.StringVar(&ro.LogLevel, "log-level", "warn", "debug|info|warn|error (logs go to stderr)")
	pf.StringVar(&ro.LogFormat, "log-format", "text", "text|json")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErrorf("%s", err) })
	root.AddCommand(newSweepCommand(ro), newAuditCommand(ro), newSnapshotCommand(ro), newVerifyChangeCommand(ro),
		newPlanCommand(ro), newIngestCommand(ro), newParseCommand(),
		newHistoryCommand(ro), newDiffCommand(ro), newEvidenceCommand(ro), newStoreCommand(ro), newLogsCommand(ro),
		newHostkeyCommand(ro), newVersionCommand(), newManCommand(),
		newFindingsCommand(ro), newAcceptCommand(ro))
	root.InitDefaultCompletionCmd()
	registerChoiceCompletions(root, map[string][]string{
		"hash-protocol": {"auto", "sftp", "scp"},
		"platform":      platform.Names(),
		"rule":          ruleIDs(),
	})
	_ = root.RegisterFlagCompletionFunc("log-level", cobra.FixedCompletions([]string{"debug", "info", "warn", "error"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("log-format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args, c.RunE = unknownCommand, func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		}
	}
	return root, ro
}

// ruleIDs are the catalogue's rule IDs, for completing --rule.
func ruleIDs() []string {
	var out []string
	for _, r := range audit.Rules() {
		out = append(out, r.ID)
	}
	return out
}

// unknownCommand is the Args of every command that only groups others:
// a word that is not one of its sub-commands is a usage error (exit 3),
// never help with exit 0, so a typo in a cron line fails.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	msg := fmt.Sprintf("unknown command %q for %q (one of: %s)", textsafe.Field(args[0]), cmd.CommandPath(), strings.Join(names, ", "))
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, ", ") + "?"
	}
	return usageErrorf("%s", msg)
}

// execute runs the command line and returns the process exit code.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root, ro := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	err := applyConfig(root, ro, args) // fwaudit.yaml flag defaults (config.go)
	if err == nil {
		err = root.ExecuteContext(ctx)
	}
	if err != nil && !isOutcome(err) {
		// Error texts can carry file names and device strings: never let
		// them drive the terminal.
		fmt.Fprintf(stderr, "fwaudit: %s\n", textsafe.Lines(strings.TrimSpace(err.Error()), 0, 200))
	}
	return exitCode(err)
}
