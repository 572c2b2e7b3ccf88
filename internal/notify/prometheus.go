package notify

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/report"
	"fwaudit/internal/textsafe"
)

// labelMax caps one label value (device names come from inventories and
// sources we do not control).
const labelMax = 128

// deviceStatuses are the values of fwaudit_device_status's status label:
// every device gets one series per value, 1 for its status and 0 for the
// others (a one-hot state set, as kube-state-metrics does for pod phases),
// so `== 1` selects and a changed status never leaves a stale series.
var deviceStatuses = report.Statuses

// renderMetrics writes the run in the Prometheus text exposition format
// (version 0.0.4), for node_exporter's textfile collector. lastSuccess is
// the Unix time of the last run that audited a device; 0 leaves it out.
func renderMetrics(w io.Writer, r report.Run, lastSuccess float64) error {
	var b strings.Builder
	writeFleet(&b, r)
	writeDevices(&b, r)
	gauge(&b, "fwaudit_sweep_duration_seconds", "Duration of the last fwaudit run.")
	fmt.Fprintf(&b, "fwaudit_sweep_duration_seconds %g\n", r.FinishedAt.Sub(r.StartedAt).Seconds())
	if lastSuccess > 0 {
		gauge(&b, lastSuccessMetric, "Unix time of the last fwaudit run that completed and audited at least one device.")
		fmt.Fprintf(&b, "%s %.3f\n", lastSuccessMetric, lastSuccess)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeFleet writes the run's totals.
func writeFleet(b *strings.Builder, r report.Run) {
	s := r.Summary()
	gauge(b, "fwaudit_devices_audited", "Devices in the last fwaudit run.")
	fmt.Fprintf(b, "fwaudit_devices_audited %d\n", s.Devices)
	gauge(b, "fwaudit_devices", "Devices in the last fwaudit run by status (clean, drift, error, unassessed).")
	for _, st := range []struct {
		status report.Status
		n      int
	}{{report.StatusClean, s.Clean}, {report.StatusDrift, s.Drift}, {report.StatusError, s.Error}, {report.StatusUnassessed, s.Unassessed}} {
		fmt.Fprintf(b, "fwaudit_devices{status=\"%s\"} %d\n", st.status, st.n)
	}
	gauge(b, "fwaudit_devices_escalated", "Devices in the last fwaudit run with a finding that asks for escalation.")
	fmt.Fprintf(b, "fwaudit_devices_escalated %d\n", s.Escalate)

	gauge(b, "fwaudit_findings", "Findings in the last fwaudit run by rule and severity.")
	counts := map[[2]string]int{}
	for _, d := range r.Devices {
		for _, x := range d.Findings {
			if x.StateOf() == audit.StateAccepted {
				continue // accepted: a person decided; the alert stops
			}
			counts[[2]string{label(x.Rule), label(string(x.Severity))}]++
		}
	}
	for _, k := range sortedKeys(counts) {
		fmt.Fprintf(b, "fwaudit_findings{rule=\"%s\",severity=\"%s\"} %d\n", k[0], k[1], counts[k])
	}
}

// writeDevices writes the per-device series. Each family is contiguous, as
// the format requires.
func writeDevices(b *strings.Builder, r report.Run) {
	names := deviceLabels(r.Devices)
	ids := make([]string, len(r.Devices)) // device, platform, site labels
	for i, d := range r.Devices {
		ids[i] = fmt.Sprintf("device=\"%s\",platform=\"%s\",site=\"%s\"", names[i], label(d.Platform), label(d.Site))
	}

	gauge(b, "fwaudit_device_status", "Status of each device in the last fwaudit run: 1 for its status, 0 for the others.")
	for i, d := range r.Devices {
		st := d.Status()
		for _, s := range deviceStatuses {
			fmt.Fprintf(b, "fwaudit_device_status{%s,status=\"%s\"} %d\n", ids[i], s, oneIf(st == s))
		}
	}
	gauge(b, "fwaudit_device_escalated", "1 when a finding of the device asks for escalation, else 0.")
	for i, d := range r.Devices {
		fmt.Fprintf(b, "fwaudit_device_escalated{%s} %d\n", ids[i], oneIf(d.Escalated()))
	}
	gauge(b, "fwaudit_device_findings", "Open findings of each device in the last fwaudit run by rule and severity.")
	for i, d := range r.Devices {
		counts := map[[2]string]int{}
		for _, x := range d.Findings {
			if x.StateOf() == audit.StateAccepted {
				continue // accepted: a person decided; the alert stops
			}
			counts[[2]string{label(x.Rule), label(string(x.Severity))}]++
		}
		for _, k := range sortedKeys(counts) {
			fmt.Fprintf(b, "fwaudit_device_findings{device=\"%s\",rule=\"%s\",severity=\"%s\"} %d\n", names[i], k[0], k[1], counts[k])
		}
	}
	gauge(b, "fwaudit_device_oldest_open_finding_age_seconds", "Age of the device's oldest finding not accepted (since it was first seen), at the end of the last run.")
	for i, d := range r.Devices {
		if age, ok := oldestOpen(d, r.FinishedAt); ok {
			fmt.Fprintf(b, "fwaudit_device_oldest_open_finding_age_seconds{%s} %d\n", ids[i], int64(age.Seconds()))
		}
	}
}

// oldestOpen is how long the device's oldest open finding has been seen;
// false when it has none. A finding with no first_seen (no history store)
// is as old as the run.
func oldestOpen(d report.Device, now time.Time) (time.Duration, bool) {
	var oldest time.Duration
	found := false
	for _, x := range d.Findings {
		if x.StateOf() == audit.StateAccepted {
			continue
		}
		found = true
		if !x.FirstSeen.IsZero() && now.Sub(x.FirstSeen) > oldest {
			oldest = now.Sub(x.FirstSeen)
		}
	}
	return oldest, found
}

// deviceLabels returns each device's escaped device label, unique: two
// names that clean to the same text (they differed only in control
// characters, or past labelMax) get " #2", " #3" appended, because a
// duplicate series makes node_exporter drop the whole file.
func deviceLabels(devs []report.Device) []string {
	out := make([]string, len(devs))
	seen := map[string]bool{}
	for i, d := range devs {
		base := textsafe.Clean(d.Name, labelMax)
		name := base
		for n := 2; seen[name]; n++ {
			name = fmt.Sprintf("%s #%d", base, n)
		}
		seen[name] = true
		out[i] = escapeLabel(name)
	}
	return out
}

func sortedKeys(m map[[2]string]int) [][2]string {
	return slices.SortedFunc(maps.Keys(m), func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
}

func oneIf(b bool) int {
	if b {
		return 1
	}
	return 0
}

func gauge(b *strings.Builder, name, help string) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name)
}

// label cleans an untrusted label value and escapes it.
func label(s string) string { return escapeLabel(textsafe.Clean(s, labelMax)) }

// escapeLabel escapes a label value per the exposition format: backslash,
// double quote and line feed.
func escapeLabel(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}
