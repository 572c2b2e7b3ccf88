package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"
)

const auditLong = `Audit one device (or a few, by name or glob) and show the evidence: every
fact collected with where it came from, every finding with what was expected,
what was observed, the evidence and the escalation decision.

For an incident: run it before touching the device; it only reads.

EXAMPLES
  fwaudit audit lon-wan-02
  fwaudit audit lon-wan-02 -o json
` + exitStatusHelp

func newAuditCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "audit NAME [NAME...]",
		Short: "Audit one device and show the evidence",
		Long:  auditLong,
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAudit(cmd.Context(), *g, args, cmd.OutOrStdout())
		},
	}
}

func runAudit(ctx context.Context, g globalOptions, names []string, stdout io.Writer) error {
	if err := g.setup(); err != nil {
		return err
	}
	format := g.Output
	if format == "" {
		format = "detail"
	}
	if format != "detail" && format != "table" && format != "json" {
		return usageErrorf("--output: %q is not one of detail, table, json", format)
	}
	return auditRun(ctx, g, names, format, stdout)
}
