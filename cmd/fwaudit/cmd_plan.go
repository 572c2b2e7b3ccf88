package main

import (
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/spf13/cobra"

	"fwaudit/internal/pipeline"
	"fwaudit/internal/plan"
	"fwaudit/internal/report"
)

const planLong = `Audit the named devices live (or every selected device with --all) and print,
for each one with drift, its revert and containment plan: containment options
to choose from, then ordered steps with the exact commands, the output to
expect and what to do when it differs. Evidence capture comes first: a reload
destroys volatile evidence. Firmware writes and reloads belong in a change
window. Commands marked [K] are not confirmed against vendor documentation.

fwaudit never applies a plan.

Output (-o): markdown (default), json (the full plan objects),
ansible (a playbook for cisco.ios / cisco.nxos / cisco.iosxr / arista.eos /
junipernetworks.junos; disruptive tasks run only with --tags change-window).
Fill the copy sources and the evidence folder with --image-source and
--evidence-dest, or the plan leaves <image-source> / <evidence-dest>.

EXAMPLES
  fwaudit plan lon-wan-02 --image-source scp://fw@10.10.0.5/firmware --evidence-dest scp://fw@10.10.0.6/cases
  fwaudit plan --all --filter site=lon -o json
  fwaudit plan lon-wan-02 -o ansible > revert-lon-wan-02.yml
` + exitStatusHelp

// planOptions are the options of fwaudit plan.
type planOptions struct {
	auditFlags
	selectFlags
	All bool
}

func newPlanCommand(ro *rootOptions) *cobra.Command {
	var opts planOptions
	cmd := &cobra.Command{
		Use:               "plan NAME [NAME...] | --all",
		Short:             "Print revert and containment plans for drifted devices",
		Long:              planLong,
		ValidArgsFunction: completeDevices(&opts.Inventory),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.selectFlags = opts.forNames(cmd.Flags(), args)
			return runPlan(cmd.Context(), opts, ro, args, cmd.OutOrStdout())
		},
	}
	fs := cmd.Flags()
	opts.auditFlags.addFlags(fs, "markdown", "markdown", "json", "ansible")
	opts.selectFlags.addFlags(fs)
	fs.BoolVar(&opts.All, "all", false, "plan every selected device (--device / --filter / --shard apply)")
	fs.Var(&choiceValue{target: &opts.Output, choices: []string{"markdown", "json", "ansible"}}, "format", "same as -o")
	_ = fs.MarkDeprecated("format", "use -o")
	return cmd
}

func runPlan(ctx context.Context, opts planOptions, ro *rootOptions, names []string, stdout io.Writer) error {
	if opts.All == (len(names) > 0) {
		return usageErrorf("plan: name devices or give --all, not both and not neither")
	}
	po, err := opts.pipelineOptions(ro, opts.selection(names))
	if err != nil {
		return err
	}
	po.Plan = livePlan(po.Plan, time.Now())
	po.History.Timelines = false
	render := func(w io.Writer, run report.Run) error { return renderPlans(w, opts.Output, run) }
	return runPipeline(ctx, ro, po, pipeline.Delivery{}, render, opts.FailOn, stdout)
}

// renderPlans writes the plans of run: with several devices, only those
// that need something.
func renderPlans(w io.Writer, format string, run report.Run) error {
	var plans []plan.Plan
	for _, d := range run.Devices {
		if len(run.Devices) > 1 && d.Plan.Empty() && d.Error == "" {
			continue
		}
		plans = append(plans, d.Plan)
	}
	switch format {
	case "ansible":
		return plan.RenderAnsible(w, plans)
	case "json":
		return renderPlanJSON(w, plans)
	}
	return plan.RenderMarkdown(w, plans)
}

// renderPlanJSON writes the plans as a JSON array (the rich form; the
// report's JSON carries only the step strings).
func renderPlanJSON(w io.Writer, plans []plan.Plan) error {
	if plans == nil {
		plans = []plan.Plan{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(plans)
}
