package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"fwaudit/internal/report"
)

// globalOptions are the flags every audit command shares (DESIGN.md).
type globalOptions struct {
	Inventory, Baselines, Changes, State string
	Output                               string
	Workers                              int
	Timeout                              time.Duration
	Devices                              []string
	Filter                               string
	LogLevel, LogFormat                  string
	MaxOutputBytes                       int64
	offboxOptions                        // flags_offbox.go
	robustnessOptions                    // flags_robustness.go
	historyOptions                       // history_wiring.go
	outputOptions                        // flags_output.go
	snmpOptions                          // flags_snmp.go

	stderr io.Writer
	logger *slog.Logger
}

func (g *globalOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&g.Inventory, "inventory", "i", "inventory/", "inventory file or folder of YAML files")
	fs.StringVarP(&g.Baselines, "baselines", "b", "baselines/", "folder of approved-baseline YAML files")
	fs.StringVar(&g.Changes, "changes", "", "change-window file (default baselines/changes.yaml if present)")
	fs.StringVar(&g.State, "state", defaultState(), `history store: SQLite path or postgres://USER@HOST/DB (password from PGPASSWORD / FWAUDIT_STATE_PASSWORD); "none" keeps no history`)
	g.historyOptions.addFlags(fs)
	fs.StringVarP(&g.Output, "output", "o", "", "output format: "+strings.Join(report.Formats, "|")+" (audit also: detail; default: sweep table, audit detail)")
	fs.IntVar(&g.Workers, "workers", 32, "devices audited at once")
	fs.DurationVar(&g.Timeout, "timeout", 2*time.Minute, "deadline for one whole device")
	fs.StringArrayVar(&g.Devices, "device", nil, "select devices by name or glob (repeatable)")
	fs.StringVar(&g.Filter, "filter", "", "select devices by attributes: site=dc1,role=core,tag=pci,platform=cisco_iosxe")
	fs.StringVar(&g.LogLevel, "log-level", "warn", "debug|info|warn|error (logs go to stderr)")
	fs.StringVar(&g.LogFormat, "log-format", "text", "text|json")
	fs.Int64Var(&g.MaxOutputBytes, "max-output-bytes", 8<<20, "cap on the bytes one command may return")
	g.offboxOptions.addFlags(fs)
	g.robustnessOptions.addFlags(fs)
	g.outputOptions.addFlags(fs)
	g.snmpOptions.addFlags(fs)
}

// setup validates the shared flags and builds the logger.
func (g *globalOptions) setup() error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(g.LogLevel)); err != nil {
		return usageErrorf("--log-level: %q is not one of debug, info, warn, error", g.LogLevel)
	}
	hopts := &slog.HandlerOptions{Level: level}
	switch g.LogFormat {
	case "text":
		g.logger = slog.New(slog.NewTextHandler(g.stderr, hopts))
	case "json":
		g.logger = slog.New(slog.NewJSONHandler(g.stderr, hopts))
	default:
		return usageErrorf("--log-format: %q is not one of text, json", g.LogFormat)
	}
	if g.Workers < 1 {
		return usageErrorf("--workers: must be at least 1, got %d", g.Workers)
	}
	if g.Timeout <= 0 {
		return usageErrorf("--timeout: must be positive, got %s", g.Timeout)
	}
	return nil
}

const exitStatusHelp = `
EXIT STATUS
  0  nothing to report: every device audited, no drift
  1  drift found (outranks errors)
  2  some devices could not be audited, and no drift
  3  bad usage or configuration`

func newRootCommand(stdout, stderr io.Writer) (*cobra.Command, *globalOptions) {
	g := &globalOptions{stderr: stderr}
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
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	setVersionFlag(root) // cmd_version.go: --version prints what `fwaudit version` does
	g.addFlags(root.PersistentFlags())
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErrorf("%s", err) })
	root.AddCommand(newSweepCommand(g), newAuditCommand(g))
	root.AddCommand(newParseCommand(), newIngestCommand(g))
	// cmd_version.go, cmd_man.go
	root.AddCommand(newVersionCommand(), newManCommand())
	root.AddCommand(newPlanCommand(g))
	root.AddCommand(newHostkeyCommand(g))
	root.AddCommand(historyCommands(g)...) // cmd_store.go: history, snapshot, verify-change, diff, evidence, store, logs
	return root, g
}

// execute runs the command line and returns the process exit code.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root, _ := newRootCommand(stdout, stderr)
	root.SetArgs(args)
	err := applyConfig(root, args) // fwaudit.yaml flag defaults (config.go)
	if err == nil {
		err = root.ExecuteContext(ctx)
	}
	if err != nil {
		if !isOutcome(err) {
			fmt.Fprintf(stderr, "fwaudit: %s\n", strings.TrimSpace(err.Error()))
		}
	}
	return exitCode(err)
}
