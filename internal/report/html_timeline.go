package report

import (
	"fmt"
	"strings"
	"time"

	"fwaudit/internal/change"
)

// htmlTimeline is a small inline SVG of a device's snapshots: one dot per
// snapshot (red with findings, green without), the current audit last.
type htmlTimeline struct {
	Width, Height int
	Line          string // polyline points
	Points        []htmlPoint
	First, Last   string
	Changes       []string // ROMMON / image changes along the history
}

type htmlPoint struct {
	X, Y, R int
	Class   string
	Title   string
}

const (
	tlWidth, tlHeight, tlPad = 320, 36, 10
)

// newTimeline places the history points and the current audit on a time
// axis. With no history it is a single point: the current audit.
func newTimeline(r Run, d Device) htmlTimeline {
	pts := timelinePoints(r, d)
	t0, t1 := pts[0].TakenAt, pts[len(pts)-1].TakenAt
	span := t1.Sub(t0)
	tl := htmlTimeline{Width: tlWidth, Height: tlHeight, First: day(t0), Last: day(t1)}
	for _, c := range historyChanges(pts) {
		tl.Changes = append(tl.Changes, clean(c))
	}
	var line []string
	changes := pointChanges(pts)
	for i, p := range pts {
		x := tlWidth / 2
		if span > 0 {
			x = tlPad + int(float64(tlWidth-2*tlPad)*float64(p.TakenAt.Sub(t0))/float64(span))
		}
		y := tlHeight / 2
		class := "ok"
		switch {
		case p.Findings > 0:
			class = "bad"
		case p.Failed:
			class = "err" // not audited at this snapshot
		}
		rad := 4
		if len(change.Of(changes[i], change.ROMMON)) > 0 {
			rad = 6 // the ROMMON changed at this snapshot
		}
		tl.Points = append(tl.Points, htmlPoint{X: x, Y: y, R: rad, Class: class,
			Title: clean(fmt.Sprintf("%s: ROMMON %s, image %s, %d findings", p.TakenAt.UTC().Format("2006-01-02 15:04Z"), p.ROMMON, p.Image, p.Findings))})
		line = append(line, fmt.Sprintf("%d,%d", x, y))
	}
	tl.Line = strings.Join(line, " ")
	return tl
}

func countDrift(d Device) int {
	n := 0
	for _, x := range d.Findings {
		if x.Severity != "info" {
			n++
		}
	}
	return n
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }
