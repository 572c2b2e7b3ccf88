package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/pipeline"
)

const auditLong = `Audit one device (or a few, by name or glob) and show the evidence: every
fact collected with where it came from, every finding with what was expected,
what was observed, the evidence, the playbook's questions answered, the
escalation decision, next steps for tier-1 and tier-2 analysts, and the plan.

For an incident: run it before touching the device; it only reads.

EXAMPLES
  fwaudit audit lon-wan-02
  fwaudit audit lon-wan-02 -o json
  fwaudit audit lon-wan-02 --related      # and the devices sharing its credentials, site or role
` + exitStatusHelp

// auditOptions are the options of fwaudit audit.
type auditOptions struct {
	auditFlags
	deliveryFlags
	Related    bool
	RelatedMax int
}

func newAuditCommand(ro *rootOptions) *cobra.Command {
	var opts auditOptions
	cmd := &cobra.Command{
		Use:               "audit NAME [NAME...]",
		Short:             "Audit one device and show the evidence",
		Long:              auditLong,
		Args:              usageArgs(cobra.MinimumNArgs(1)),
		ValidArgsFunction: completeDevices(&opts.Inventory),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAudit(cmd.Context(), opts, ro, args, cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	opts.auditFlags.addFlags(fs, "detail", append([]string{"detail"}, reportFormats...)...)
	opts.deliveryFlags.addFlags(fs)
	fs.BoolVar(&opts.Related, "related", false, "also audit the devices that share credentials, site or role with NAME, the most related first (shared model is marked after the audit)")
	fs.IntVar(&opts.RelatedMax, "related-max", pipeline.DefaultRelatedMax, "with --related: audit at most this many related devices")
	return cmd
}

// runAudit audits exactly the devices named (globs allowed).
func runAudit(ctx context.Context, opts auditOptions, ro *rootOptions, names []string, stdout io.Writer) error {
	po, err := opts.pipelineOptions(ro, pipeline.Selection{Names: names, Related: opts.Related, RelatedMax: opts.RelatedMax})
	if err != nil {
		return err
	}
	return runPipeline(ctx, ro, po, opts.Delivery, renderReport(opts.Output, opts.Wide), opts.FailOn, stdout)
}
