package audit

import (
	"fmt"
	"strings"
	"time"

	"fwaudit/internal/baseline"
	"fwaudit/internal/change"
	"fwaudit/internal/facts"
	"fwaudit/internal/release"
)

// History rules compare the device with its last snapshot trusted for the
// rule (Input.against: Previous.Trusted, else Previous), so a change stays
// reported until it is accepted or a change window covers it. A change
// seen between two snapshots happened somewhere in (Previous.TakenAt, Now];
// a window that overlaps that interval and allows the kind of change
// covers it. All but REL-001 (firstsight.go) are quiet on the first audit.

// windowAnswer looks up the change window for kind over [from, to].
func (in Input) windowAnswer(kind string, from, to time.Time) Answers {
	a := Answers{WindowChecked: true}
	if ch, ok := in.Changes.Overlapping(in.Device, kind, from, to); ok {
		a.WindowFound, a.Window = true, visible(ch.ID)
	}
	return a
}

func (in Input) sinceLast(kind string) Answers {
	return in.windowAnswer(kind, in.Previous.TakenAt, in.now())
}

func (in Input) now() time.Time {
	if in.Now.IsZero() {
		return time.Now()
	}
	return in.Now
}

// windowText says which window covered a change, or that none did.
func (in Input) windowText(a Answers, kind string) string {
	if a.WindowFound {
		return fmt.Sprintf("change window %s allows %s", a.Window, kind)
	}
	return fmt.Sprintf("no change window allows %s on %s between %s and %s", kind, visible(in.Device),
		in.Previous.TakenAt.UTC().Format(time.RFC3339), in.now().UTC().Format(time.RFC3339))
}

func (in Input) prevText() string {
	s := fmt.Sprintf("snapshot #%d of %s", in.Previous.SnapshotID, in.Previous.TakenAt.UTC().Format(time.RFC3339))
	if in.Previous.First {
		s += " (the device's first snapshot, trusted as taken)"
	}
	return s
}

// changes is what changed since the previous snapshot, in the one change
// model diff and the report timelines share.
func (in Input) changes() []change.Change {
	return change.Compare(in.previousSnapshot(), in.currentSnapshot())
}

func (in Input) previousSnapshot() change.Snapshot {
	return change.Snapshot{CollectedAt: in.Previous.TakenAt, Facts: in.Previous.Facts}
}

func (in Input) currentSnapshot() change.Snapshot {
	return change.Snapshot{CollectedAt: in.now(), Facts: in.Facts}
}

func (in Input) romApproved(v string) *bool {
	if in.Model == nil || in.Model.ROMMON == nil {
		return nil
	}
	return boolPtr(in.Model.ROMMONApproved(v))
}

// checkROMMONChanged is ROM-002: a ROMMON version changed since the last
// snapshot and no change window allowing rommon covers the interval.
func checkROMMONChanged(in Input, r Rule) []Finding {
	in = in.against(r.ID)
	if in.Previous == nil {
		return nil
	}
	var out []Finding
	for _, ch := range change.GroupROMMON(in.changes()) {
		a := in.sinceLast(baseline.KindROMMON)
		if a.WindowFound {
			continue
		}
		a.Approved, a.Version = in.romApproved(ch.After), visible(ch.After)
		evidence := fmt.Sprintf("%s was %s in %s, now %s; %s%s", components(ch.Components),
			visible(ch.Before), in.prevText(), visible(ch.After), in.windowText(a, baseline.KindROMMON), orderText(ch.Before, ch.After))
		out = append(out, r.finding(visible(ch.After), visible(ch.Before), evidence).decide(a))
	}
	return out
}

// checkROMMONDowngrade is ROM-004: a ROMMON version older than the one the
// last snapshot saw (T1601.002), reported even inside a change window.
// Versions that cannot be ordered give a low finding that says so.
func checkROMMONDowngrade(in Input, r Rule) []Finding {
	in = in.against(r.ID)
	if in.Previous == nil {
		return nil
	}
	var out []Finding
	for _, ch := range change.GroupROMMON(in.changes()) {
		f, ok := downgrade(in, r, ch.Before, ch.After, baseline.KindROMMON, components(ch.Components))
		if ok {
			a := in.sinceLast(baseline.KindROMMON)
			a.Approved, a.Version = in.romApproved(ch.After), visible(ch.After)
			out = append(out, f.decide(a))
		}
	}
	return out
}

// downgrade builds the downgrade finding for from → to, if any.
func downgrade(in Input, r Rule, from, to, kind, what string) (Finding, bool) {
	c, ok := release.Compare(to, from)
	switch {
	case !ok:
		f := r.finding(visible(to), "not older than "+visible(from),
			fmt.Sprintf("%s changed from %s (%s) to %s; the two versions cannot be ordered, so whether this is a downgrade is unknown",
				what, visible(from), in.prevText(), visible(to)))
		f.Severity = Low
		return f, true
	case c < 0:
		return r.finding(visible(to), "not older than "+visible(from),
			fmt.Sprintf("%s went back from %s (%s) to the older %s (%s)", what, visible(from), in.prevText(), visible(to), kind)), true
	}
	return Finding{}, false
}

func orderText(from, to string) string {
	c, ok := release.Compare(to, from)
	switch {
	case !ok:
		return " (the versions cannot be ordered)"
	case c < 0:
		return " (a downgrade)"
	case c > 0:
		return " (an upgrade)"
	}
	return ""
}

// checkImageChanged is IMG-005: the running image or OS version changed
// since the last snapshot outside any window allowing image changes.
func checkImageChanged(in Input, r Rule) []Finding {
	in = in.against(r.ID)
	if in.Previous == nil {
		return nil
	}
	if len(change.Of(in.changes(), change.Image, change.OSVersion)) == 0 {
		return nil
	}
	p, n := in.Previous.Facts, in.Facts
	newImg := facts.BaseName(strings.TrimSpace(n.Image))
	oldVer, newVer := strings.TrimSpace(p.OSVersion), strings.TrimSpace(n.OSVersion)
	a := in.sinceLast(baseline.KindImage)
	if a.WindowFound {
		return nil
	}
	if in.Model != nil && len(in.Model.Images) > 0 && newImg != "" {
		_, ok := in.Model.Image(newImg)
		a.Approved, a.Version = boolPtr(ok), visible(newImg)
	}
	observed := fmt.Sprintf("%s (%s)", visible(n.Image), visible(newVer))
	expected := fmt.Sprintf("%s (%s)", visible(p.Image), visible(oldVer))
	evidence := fmt.Sprintf("running image was %s, OS %s in %s; now %s, OS %s; %s%s", visible(p.Image), visible(oldVer),
		in.prevText(), visible(n.Image), visible(newVer), in.windowText(a, baseline.KindImage), orderText(oldVer, newVer))
	return []Finding{r.finding(observed, expected, evidence).decide(a)}
}

// checkImageDowngrade is IMG-006: the OS version is older than the last
// snapshot's (T1601.002), even inside a change window.
func checkImageDowngrade(in Input, r Rule) []Finding {
	in = in.against(r.ID)
	if in.Previous == nil {
		return nil
	}
	ver := change.Of(in.changes(), change.OSVersion)
	if len(ver) == 0 {
		return nil
	}
	f, ok := downgrade(in, r, ver[0].Before, ver[0].After, baseline.KindImage, "OS version")
	if !ok {
		return nil
	}
	a := in.sinceLast(baseline.KindImage)
	if in.Model != nil && len(in.Model.Images) > 0 && in.Facts.Image != "" {
		_, ok := in.Model.Image(facts.BaseName(in.Facts.Image))
		a.Approved, a.Version = boolPtr(ok), visible(facts.BaseName(in.Facts.Image))
	}
	return []Finding{f.decide(a)}
}

// checkBootChanged is BOOT-003: the boot variable or the configuration
// register (now or next) changed since the last snapshot outside any
// window allowing boot changes.
func checkBootChanged(in Input, r Rule) []Finding {
	in = in.against(r.ID)
	if in.Previous == nil {
		return nil
	}
	p, n := in.Previous.Facts.Boot, in.Facts.Boot
	var diffs []string
	for _, c := range change.Of(in.changes(), change.Boot, change.ConfigRegister, change.ConfigRegisterNext) {
		switch c.Kind {
		case change.Boot:
			diffs = append(diffs, fmt.Sprintf("boot variable %s → %s", visible(c.Before), visible(c.After)))
		case change.ConfigRegister:
			diffs = append(diffs, fmt.Sprintf("config register %s → %s", visible(c.Before), visible(c.After)))
		default:
			diffs = append(diffs, fmt.Sprintf("config register at next reload %q → %q", visible(c.Before), visible(c.After)))
		}
	}
	if len(diffs) == 0 {
		return nil
	}
	a := in.sinceLast(baseline.KindBoot)
	if a.WindowFound {
		return nil
	}
	evidence := fmt.Sprintf("since %s: %s; %s", in.prevText(), strings.Join(diffs, "; "), in.windowText(a, baseline.KindBoot))
	observed := fmt.Sprintf("%s, %s", visible(strings.Join(n.System, ",")), visible(n.ConfigRegister))
	expected := fmt.Sprintf("%s, %s", visible(strings.Join(p.System, ",")), visible(p.ConfigRegister))
	return []Finding{r.finding(observed, expected, evidence).decide(a)}
}

// checkReload is REL-001: the device booted since the last snapshot
// (change.Reloaded: its uptime went down, or its boot time moved forward)
// and no window allowing reload covers the time it booted.
func checkReload(in Input, r Rule) []Finding {
	in = in.against(r.ID)
	if in.Previous == nil {
		return firstSightReload(in, r)
	}
	e, ok := change.Reloaded(in.previousSnapshot(), in.currentSnapshot())
	if !ok {
		return nil
	}
	now := in.now()
	from, to := e.BootedAt.Add(-change.BootTolerance), e.BootedAt.Add(change.BootTolerance)
	if from.Before(in.Previous.TakenAt) {
		from = in.Previous.TakenAt
	}
	if to.After(now) {
		to = now
	}
	a := in.windowAnswer(baseline.KindReload, from, to)
	if a.WindowFound {
		return nil
	}
	reason := visible(e.Reason)
	if reason == "" {
		reason = "not reported"
	}
	evidence := fmt.Sprintf("uptime %s now, %s in %s: %s (reload reason: %s); %s",
		e.UptimeAfter, e.UptimeBefore, in.prevText(), e.Text(), reason, in.windowText(a, baseline.KindReload))
	f := r.finding(fmt.Sprintf("uptime %s", e.UptimeAfter),
		fmt.Sprintf("uptime ≥ %s", e.UptimeBefore+now.Sub(in.Previous.TakenAt).Truncate(time.Second)), evidence)
	return []Finding{crashSeverity(f, e.Reason).decide(a)}
}
