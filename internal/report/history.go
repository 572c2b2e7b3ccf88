package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

// NewHistoryPoint summarizes one stored snapshot for the timelines: its
// ROMMON cell and image as the fleet table shows them, and how many
// findings above info it had. failed marks a snapshot whose device could
// not be audited.
func NewHistoryPoint(takenAt time.Time, f facts.Facts, findings []audit.Finding, failed bool) HistoryPoint {
	n := 0
	for _, x := range findings {
		if x.Severity != audit.Info {
			n++
		}
	}
	return HistoryPoint{TakenAt: takenAt, ROMMON: strings.Join(rommonVersions(f.ROMMON), ", "), Image: baseName(f.Image), Findings: n, Failed: failed}
}

// historyChanges lists, oldest first, where the ROMMON or the image
// differs from the previous audited point: "2026-11-25 08:00Z ROMMON
// 16.7(5r) → 16.12(2r)". Snapshots that were not audited are skipped, so
// an outage is not a change. The strings are not escaped.
func historyChanges(pts []HistoryPoint) []string {
	var out []string
	var prev *HistoryPoint
	for i := range pts {
		p := &pts[i]
		if p.Failed && p.ROMMON == "" && p.Image == "" {
			continue
		}
		if prev != nil {
			at := p.TakenAt.UTC().Format("2006-01-02 15:04Z")
			if p.ROMMON != prev.ROMMON {
				out = append(out, fmt.Sprintf("%s ROMMON %s → %s", at, dashed(prev.ROMMON), dashed(p.ROMMON)))
			}
			if p.Image != prev.Image {
				out = append(out, fmt.Sprintf("%s image %s → %s", at, dashed(prev.Image), dashed(p.Image)))
			}
		}
		prev = p
	}
	return out
}

// timelinePoints is the device's history with the run itself as the last
// point (unless the history already ends with it).
func timelinePoints(r Run, d Device) []HistoryPoint {
	pts := append([]HistoryPoint(nil), d.History...)
	now := HistoryPoint{TakenAt: r.FinishedAt, ROMMON: strings.Join(rommonVersions(d.Facts.ROMMON), ", "), Image: baseName(d.Facts.Image),
		Findings: countDrift(d), Failed: d.Error != ""}
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
