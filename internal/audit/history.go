package audit

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// History rules compare the device with its previous snapshot
// (Input.Previous). A change seen between two snapshots happened somewhere
// in (Previous.TakenAt, Now]; a window that overlaps that interval and
// allows the kind of change covers it. All are quiet on the first audit.

// reloadSlack absorbs uptime rounding (IOS prints minutes) and clock skew.
const reloadSlack = 10 * time.Minute

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
	return fmt.Sprintf("snapshot #%d of %s", in.Previous.SnapshotID, in.Previous.TakenAt.UTC().Format(time.RFC3339))
}

// romChange is a version change shared by one or more boot-firmware
// components (matched by name and source) since the previous snapshot.
type romChange struct {
	comps    []facts.Component
	from, to string
}

// romChanges groups changed components by (from, to), in first-seen order,
// so a box whose R0, F0 and slots all moved gives one finding.
func romChanges(prev, now facts.Facts) []romChange {
	old := map[string]string{}
	for _, c := range prev.ROMMON {
		old[c.Name+"\x00"+string(c.Source)] = strings.TrimSpace(c.Version)
	}
	var out []romChange
	for _, c := range now.ROMMON {
		from, seen := old[c.Name+"\x00"+string(c.Source)]
		to := strings.TrimSpace(c.Version)
		if !seen || from == "" || to == "" || from == to {
			continue
		}
		i := slices.IndexFunc(out, func(r romChange) bool { return r.from == from && r.to == to })
		if i < 0 {
			out = append(out, romChange{from: from, to: to})
			i = len(out) - 1
		}
		out[i].comps = append(out[i].comps, c)
	}
	return out
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
	if in.Previous == nil {
		return nil
	}
	var out []Finding
	for _, ch := range romChanges(in.Previous.Facts, in.Facts) {
		a := in.sinceLast(baseline.KindROMMON)
		if a.WindowFound {
			continue
		}
		a.Approved, a.Version = in.romApproved(ch.to), visible(ch.to)
		evidence := fmt.Sprintf("%s was %s in %s, now %s; %s%s", components(ch.comps),
			visible(ch.from), in.prevText(), visible(ch.to), in.windowText(a, baseline.KindROMMON), orderText(ch.from, ch.to))
		out = append(out, r.finding(visible(ch.to), visible(ch.from), evidence).decide(a))
	}
	return out
}

// checkROMMONDowngrade is ROM-004: a ROMMON version older than the one the
// last snapshot saw (T1601.002), reported even inside a change window.
// Versions that cannot be ordered give a low finding that says so.
func checkROMMONDowngrade(in Input, r Rule) []Finding {
	if in.Previous == nil {
		return nil
	}
	var out []Finding
	for _, ch := range romChanges(in.Previous.Facts, in.Facts) {
		f, ok := downgrade(in, r, ch.from, ch.to, baseline.KindROMMON, components(ch.comps))
		if ok {
			a := in.sinceLast(baseline.KindROMMON)
			a.Approved, a.Version = in.romApproved(ch.to), visible(ch.to)
			out = append(out, f.decide(a))
		}
	}
	return out
}

// downgrade builds the downgrade finding for from → to, if any.
func downgrade(in Input, r Rule, from, to, kind, what string) (Finding, bool) {
	c, ok := CompareVersions(to, from)
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
	c, ok := CompareVersions(to, from)
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
	if in.Previous == nil {
		return nil
	}
	p, n := in.Previous.Facts, in.Facts
	oldImg, newImg := facts.BaseName(strings.TrimSpace(p.Image)), facts.BaseName(strings.TrimSpace(n.Image))
	oldVer, newVer := strings.TrimSpace(p.OSVersion), strings.TrimSpace(n.OSVersion)
	imgChanged := oldImg != "" && newImg != "" && oldImg != newImg
	verChanged := oldVer != "" && newVer != "" && oldVer != newVer
	if !imgChanged && !verChanged {
		return nil
	}
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
	if in.Previous == nil {
		return nil
	}
	from, to := strings.TrimSpace(in.Previous.Facts.OSVersion), strings.TrimSpace(in.Facts.OSVersion)
	if from == "" || to == "" || from == to {
		return nil
	}
	f, ok := downgrade(in, r, from, to, baseline.KindImage, "OS version")
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
	if in.Previous == nil {
		return nil
	}
	p, n := in.Previous.Facts.Boot, in.Facts.Boot
	var diffs []string
	if len(p.System) > 0 && len(n.System) > 0 && !slices.Equal(p.System, n.System) {
		diffs = append(diffs, fmt.Sprintf("boot variable %s → %s", visible(strings.Join(p.System, ",")), visible(strings.Join(n.System, ","))))
	}
	if p.ConfigRegister != "" && n.ConfigRegister != "" && !strings.EqualFold(p.ConfigRegister, n.ConfigRegister) {
		diffs = append(diffs, fmt.Sprintf("config register %s → %s", visible(p.ConfigRegister), visible(n.ConfigRegister)))
	}
	if !strings.EqualFold(p.ConfigRegisterNext, n.ConfigRegisterNext) && in.Facts.Model != "" {
		diffs = append(diffs, fmt.Sprintf("config register at next reload %q → %q", visible(p.ConfigRegisterNext), visible(n.ConfigRegisterNext)))
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

// checkReload is REL-001: the device booted since the last snapshot (its
// uptime went down, or its boot time moved forward) and no window allowing
// reload covers the time it booted.
func checkReload(in Input, r Rule) []Finding {
	if in.Previous == nil || in.Previous.Facts.UptimeSeconds <= 0 || in.Facts.OSVersion == "" {
		return nil
	}
	now := in.now()
	up := time.Duration(in.Facts.UptimeSeconds) * time.Second
	prevUp := time.Duration(in.Previous.Facts.UptimeSeconds) * time.Second
	bootNow, bootPrev := now.Add(-up), in.Previous.TakenAt.Add(-prevUp)
	if up >= prevUp && bootNow.Sub(bootPrev) <= reloadSlack {
		return nil
	}
	from, to := bootNow.Add(-reloadSlack), bootNow.Add(reloadSlack)
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
	reason := visible(in.Facts.LastReloadReason)
	if reason == "" {
		reason = "not reported"
	}
	evidence := fmt.Sprintf("uptime %s now, %s in %s: the device booted at about %s (reload reason: %s); %s",
		up, prevUp, in.prevText(), bootNow.UTC().Format(time.RFC3339), reason, in.windowText(a, baseline.KindReload))
	f := r.finding(fmt.Sprintf("uptime %s", up), fmt.Sprintf("uptime ≥ %s", prevUp+now.Sub(in.Previous.TakenAt).Truncate(time.Second)), evidence)
	return []Finding{f.decide(a)}
}
