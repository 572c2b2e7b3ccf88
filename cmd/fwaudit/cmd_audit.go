package main

import (
	"context"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"fwaudit/internal/report"
)

const auditLong = `Audit one device (or a few, by name or glob) and show the evidence: every
fact collected with where it came from, every finding with what was expected,
what was observed, the evidence, the playbook's questions answered, the
escalation decision, next steps for tier-1 and tier-2 analysts, and the plan.

For an incident: run it before touching the device; it only reads.

EXAMPLES
  fwaudit audit lon-wan-02
  fwaudit audit lon-wan-02 -o json
  fwaudit audit lon-wan-02 --related      # and every device sharing its site, role or credentials
` + exitStatusHelp

func newAuditCommand(g *globalOptions) *cobra.Command {
	var related bool
	cmd := &cobra.Command{
		Use:   "audit NAME [NAME...]",
		Short: "Audit one device and show the evidence",
		Long:  auditLong,
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if related {
				names, why, err := relatedDevices(*g, args)
				if err != nil {
					return err
				}
				args, g.outputOptions.related = names, why
			}
			return runAudit(cmd.Context(), *g, args, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&related, "related", false, "also audit the devices that share site, role or credentials with NAME (shared model is marked after the audit)")
	return cmd
}

func runAudit(ctx context.Context, g globalOptions, names []string, stdout io.Writer) error {
	if err := g.setup(); err != nil {
		return err
	}
	format := g.Output
	if format == "" {
		format = "detail"
	}
	if format != "detail" && !slices.Contains(report.Formats, format) {
		return usageErrorf("--output: %q is not one of detail, %s", format, strings.Join(report.Formats, ", "))
	}
	if err := g.outputOptions.validate(); err != nil {
		return err
	}
	return auditRun(ctx, g, names, format, stdout)
}
