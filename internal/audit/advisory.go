package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/baseline"
	"fwaudit/internal/release"
)

// checkAdvisories is ADV-001: the device's release is affected by a
// known-exploited advisory of the offline feed (baselines/advisories/):
// it is on a train the advisory lists and below that train's first fixed
// release, or on a train with no fix. Releases are compared with
// release.Compare on the normalized form (ASA 9.16(4)85 is 9.16.4.85).
// A release on a train the advisory does not list, or one that cannot be
// ordered, gets a medium finding saying it could not be judged, never
// silence. Generic across platforms: the feed names them.
func checkAdvisories(in Input, r Rule) []Finding {
	if in.Advisories == nil || strings.TrimSpace(in.Facts.OSVersion) == "" {
		return nil
	}
	var out []Finding
	for _, adv := range in.Advisories.For(in.Platform) {
		p, _ := adv.Platform(in.Platform)
		if f, ok := judgeAdvisory(r, adv, p, in); ok {
			out = append(out, f)
		}
	}
	return out
}

func judgeAdvisory(r Rule, adv baseline.Advisory, p baseline.AdvisoryPlatform, in Input) (Finding, bool) {
	running := strings.TrimSpace(in.Facts.OSVersion)
	shown := visible(running)
	if raw := in.Facts.OSVersionRaw; raw != "" {
		shown += " (printed " + visible(raw) + ")"
	}
	name := adv.ID
	if len(adv.CVEs) > 0 {
		name += " (" + strings.Join(adv.CVEs, ", ") + ")"
	}
	kev := ""
	if adv.KnownExploited {
		kev = "known-exploited "
	}
	src := fmt.Sprintf("feed %s version %s, %s:%d", adv.File, adv.FeedVersion, adv.File, p.Line)
	t, onTrain := p.TrainOf(running)
	switch {
	case onTrain && t.FirstFixed == "":
		note := nonEmptyString(t.Note, "no fixed release in this train")
		f := r.finding(shown, "a release of a train with a fix, at or above its first fixed release",
			fmt.Sprintf("%sadvisory %s: train %s has no fixed release (%s); the device runs %s; %s", kev, name, t.Train, note, shown, src))
		return f.escalate("release affected by a known-exploited advisory with no fix in its train"), true
	case onTrain:
		c, ok := release.Compare(running, t.FirstFixed)
		if !ok {
			f := r.finding(shown, "first fixed "+t.FirstFixed, fmt.Sprintf("%sadvisory %s: the device's release %s cannot be ordered against the first fixed release %s of train %s; check by hand; %s",
				kev, name, shown, t.FirstFixed, t.Train, src))
			f.Severity = Medium
			return f, true
		}
		if c >= 0 {
			return Finding{}, false
		}
		f := r.finding(shown, "first fixed "+t.FirstFixed, fmt.Sprintf("%sadvisory %s: releases of train %s before %s are affected; the device runs %s; first fixed release %s; %s",
			kev, name, t.Train, t.FirstFixed, shown, t.FirstFixed, src))
		return f.escalate("release affected by a known-exploited advisory: upgrade to " + t.FirstFixed + " or later"), true
	case p.AffectedBelow != "":
		if c, ok := release.Compare(running, p.AffectedBelow); ok && c < 0 {
			f := r.finding(shown, "a train listed by the advisory", fmt.Sprintf("%sadvisory %s: every release of a train before %s is affected and gets no fix; the device runs %s; %s",
				kev, name, p.AffectedBelow, shown, src))
			return f.escalate("release affected by a known-exploited advisory, on an end-of-life train"), true
		}
	}
	var trains []string
	for _, t := range p.Trains {
		trains = append(trains, t.Train)
	}
	f := r.finding(shown, "a release of a listed train ("+strings.Join(trains, ", ")+")",
		fmt.Sprintf("%sadvisory %s lists trains %s; the device's release %s is on none of them, so the feed cannot say whether it is affected: check the advisory; %s",
			kev, name, strings.Join(trains, ", "), shown, src))
	f.Severity = Medium
	return f, true
}
