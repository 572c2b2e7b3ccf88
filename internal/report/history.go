package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/change"
	"fwaudit/internal/facts"
)

// NewHistoryPoint summarizes one stored snapshot for the timelines: its
// ROMMON cell and image as the fleet table shows them, the facts the
// change model compares, and how many findings above info it had. failed
// marks a snapshot whose device could not be audited.
func NewHistoryPoint(takenAt time.Time, f facts.Facts, findings []audit.Finding, failed bool) HistoryPoint {
	n := 0
	for _, x := range findings {
		if x.Severity != audit.Info {
			n++
		}
	}
	return HistoryPointCounted(takenAt, f, n, failed)
}

// HistoryPointCounted is NewHistoryPoint for a snapshot whose findings
// above info were counted already (store.Timeline).
func HistoryPointCounted(takenAt time.Time, f facts.Facts, findings int, failed bool) HistoryPoint {
	return HistoryPoint{TakenAt: takenAt, ROMMON: strings.Join(rommonVersions(f.ROMMON), ", "), Image: baseName(f.Image),
		Findings: findings, Failed: failed, Facts: comparedFacts(f)}
}

// comparedFacts keeps what change.Compare reads, so a timeline of 30
// snapshots does not hold 30 log excerpts and directory listings.
func comparedFacts(f facts.Facts) facts.Facts {
	return facts.Facts{Model: f.Model, OSVersion: f.OSVersion, Image: f.Image, ROMMON: f.ROMMON, Boot: f.Boot,
		UptimeSeconds: f.UptimeSeconds, LastReloadReason: f.LastReloadReason, HostKeySHA256: f.HostKeySHA256}
}

// pointChanges is, for each point, what changed since the previous audited
// point (change.Compare); nil for the first one and for snapshots that
// were not audited, which are skipped: an outage is not a change.
func pointChanges(pts []HistoryPoint) [][]change.Change {
	out := make([][]change.Change, len(pts))
	prev := -1
	for i, p := range pts {
		if p.Failed {
			continue
		}
		if prev >= 0 {
			out[i] = change.Compare(change.Snapshot{CollectedAt: pts[prev].TakenAt, Facts: pts[prev].Facts},
				change.Snapshot{CollectedAt: p.TakenAt, Facts: p.Facts})
		}
		prev = i
	}
	return out
}

// historyChanges lists, oldest first, what changed along the history:
// "2026-11-25 08:00Z ROMMON 16.7(5r) → 16.12(2r)". The strings are not
// escaped.
func historyChanges(pts []HistoryPoint) []string {
	var out []string
	for i, cs := range pointChanges(pts) {
		at := pts[i].TakenAt.UTC().Format("2006-01-02 15:04Z")
		for _, g := range change.GroupROMMON(cs) {
			out = append(out, fmt.Sprintf("%s ROMMON %s → %s", at, g.Before, g.After))
		}
		for _, c := range cs {
			if c.Kind != change.ROMMON {
				out = append(out, at+" "+timelineText(c))
			}
		}
	}
	return out
}

// timelineText says one non-ROMMON change for a timeline.
func timelineText(c change.Change) string {
	switch c.Kind {
	case change.Image:
		return fmt.Sprintf("image %s → %s", baseName(c.Before), baseName(c.After))
	case change.OSVersion:
		return fmt.Sprintf("OS %s → %s", c.Before, c.After)
	case change.Boot:
		return fmt.Sprintf("boot variable %s → %s", c.Before, c.After)
	case change.ConfigRegister:
		return fmt.Sprintf("config register %s → %s", c.Before, c.After)
	case change.ConfigRegisterNext:
		return fmt.Sprintf("config register at next reload %s → %s", dashed(c.Before), dashed(c.After))
	case change.Reload:
		return "reload: " + c.Reload.Text()
	case change.HostKey:
		return fmt.Sprintf("host key %s → %s", c.Before, c.After)
	}
	return fmt.Sprintf("%s %s → %s", c.Kind, dashed(c.Before), dashed(c.After))
}

// timelinePoints is the device's history with the run itself as the last
// point (unless the history already ends with it).
func timelinePoints(r Run, d Device) []HistoryPoint {
	pts := append([]HistoryPoint(nil), d.History...)
	now := HistoryPointCounted(r.FinishedAt, d.Facts, countDrift(d), d.Error != "")
	if len(pts) == 0 || !(pts[len(pts)-1].Current || pts[len(pts)-1].TakenAt.Equal(now.TakenAt)) {
		pts = append(pts, now)
	}
	return pts
}

func dashed(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeMarkdownHistory lists, for each device the store knows more than
// one snapshot of, the span of its history, its findings per snapshot and
// its ROMMON / image changes. Nothing when no device has history.
func writeMarkdownHistory(b *strings.Builder, r Run) {
	header := false
	for _, d := range r.Devices {
		if len(d.History) == 0 {
			continue
		}
		pts := timelinePoints(r, d)
		if len(pts) < 2 {
			continue
		}
		if !header {
			b.WriteString("\n## History\n\n")
			header = true
		}
		counts := make([]string, len(pts))
		for i, p := range pts {
			counts[i] = strconv.Itoa(p.Findings)
			if p.Failed {
				counts[i] = "error"
			}
		}
		fmt.Fprintf(b, "- %s: %d snapshots %s – %s; findings %s", mdCell(d.Name), len(pts), day(pts[0].TakenAt),
			day(pts[len(pts)-1].TakenAt), strings.Join(counts, " → "))
		for _, c := range historyChanges(pts) {
			fmt.Fprintf(b, "; changed: %s", mdCell(c))
		}
		b.WriteString("\n")
	}
}
