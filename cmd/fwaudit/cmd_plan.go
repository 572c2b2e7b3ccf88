package main

import (
	"context"
	"encoding/json"
	"io"

	"github.com/spf13/cobra"

	"fwaudit/internal/plan"
)

const planLong = `Audit the named devices live (or every selected device with --all) and print,
for each one with drift, its revert and containment plan: containment options
to choose from, then ordered steps with the exact commands, the output to
expect and what to do when it differs. Evidence capture comes first: a reload
destroys volatile evidence. Firmware writes and reloads belong in a change
window. Commands marked [K] are not confirmed against vendor documentation.

fwaudit never applies a plan.

Output (-o or --format): markdown (default), json (the full plan objects),
ansible (a playbook for cisco.ios / cisco.nxos / cisco.iosxr / arista.eos /
junipernetworks.junos; disruptive tasks run only with --tags change-window).
Fill the copy sources and the evidence folder with --image-source and
--evidence-dest, or the plan leaves <image-source> / <evidence-dest>.

EXAMPLES
  fwaudit plan lon-wan-02 --image-source scp://fw@10.10.0.5/firmware --evidence-dest scp://fw@10.10.0.6/cases
  fwaudit plan --all --filter site=lon -o json
  fwaudit plan lon-wan-02 --format ansible > revert-lon-wan-02.yml
` + exitStatusHelp

func newPlanCommand(g *globalOptions) *cobra.Command {
	var all bool
	var format string
	cmd := &cobra.Command{
		Use:   "plan NAME [NAME...] | --all",
		Short: "Print revert and containment plans for drifted devices",
		Long:  planLong,
		RunE: func(cmd *cobra.Command, args []string) error {
			if all == (len(args) > 0) {
				return usageErrorf("plan: name devices or give --all, not both and not neither")
			}
			if format == "" {
				format = g.Output
			}
			return runPlan(cmd.Context(), *g, args, format, cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "plan every selected device (--device / --filter apply)")
	cmd.Flags().StringVar(&format, "format", "", "markdown|json|ansible (same as -o)")
	return cmd
}

func runPlan(ctx context.Context, g globalOptions, names []string, format string, stdout io.Writer) error {
	if err := g.setup(); err != nil {
		return err
	}
	if err := g.outputOptions.validate(); err != nil {
		return err
	}
	g.outputOptions.planMode = true
	switch format {
	case "", "markdown":
		format = planMarkdown
	case "json":
		format = planJSON
	case "ansible":
		format = planAnsible
	default:
		return usageErrorf("--output: %q is not one of markdown, json, ansible", format)
	}
	return auditRun(ctx, g, names, format, stdout)
}

// renderPlanJSON writes the plans as a JSON array (the rich form; the
// report's v1 JSON carries only the step strings).
func renderPlanJSON(w io.Writer, plans []plan.Plan) error {
	if plans == nil {
		plans = []plan.Plan{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(plans)
}
