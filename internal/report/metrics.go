package report

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"fwaudit/internal/textsafe"
)

// MetricsOptions carries what the run alone does not know.
type MetricsOptions struct {
	// LastSuccess is the Unix time of the last run that completed; 0 leaves
	// the metric out.
	LastSuccess float64
}

// RenderMetrics writes the run in the Prometheus text exposition format,
// for node_exporter's textfile collector.
func RenderMetrics(w io.Writer, r Run, o MetricsOptions) error {
	var b strings.Builder
	s := r.Summary()
	gauge(&b, "fwaudit_devices_audited", "Devices in the last fwaudit run.")
	fmt.Fprintf(&b, "fwaudit_devices_audited %d\n", s.Devices)
	gauge(&b, "fwaudit_devices", "Devices in the last fwaudit run by status.")
	for _, st := range []struct {
		name string
		n    int
	}{{"clean", s.Clean}, {"drift", s.Drift}, {"error", s.Error}, {"escalate", s.Escalate}} {
		fmt.Fprintf(&b, "fwaudit_devices{status=%q} %d\n", st.name, st.n)
	}
	gauge(&b, "fwaudit_findings", "Findings in the last fwaudit run by rule and severity.")
	type key struct{ rule, sev string }
	counts := map[key]int{}
	for _, d := range r.Devices {
		for _, x := range d.Findings {
			counts[key{x.Rule, string(x.Severity)}]++
		}
	}
	keys := slices.SortedFunc(maps.Keys(counts), func(a, b key) int { return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.sev, b.sev)) })
	for _, k := range keys {
		fmt.Fprintf(&b, "fwaudit_findings{rule=\"%s\",severity=\"%s\"} %d\n", label(k.rule), label(k.sev), counts[k])
	}
	gauge(&b, "fwaudit_sweep_duration_seconds", "Duration of the last fwaudit run.")
	fmt.Fprintf(&b, "fwaudit_sweep_duration_seconds %g\n", r.FinishedAt.Sub(r.StartedAt).Seconds())
	if o.LastSuccess > 0 {
		gauge(&b, "fwaudit_last_success_timestamp_seconds", "Unix time of the last fwaudit run that completed.")
		fmt.Fprintf(&b, "fwaudit_last_success_timestamp_seconds %.3f\n", o.LastSuccess)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func gauge(b *strings.Builder, name, help string) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name)
}

// label escapes a label value per the exposition format: \ " and newline.
func label(s string) string {
	s = textsafe.Clean(s, 128)
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}
