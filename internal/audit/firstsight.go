package audit

import (
	"fmt"
	"strings"
	"time"

	"fwaudit/internal/baseline"
	"fwaudit/internal/change"
)

// First-sight judgments: a device audited for the first time has no
// snapshot to compare with, but its last reload (boot time = collection
// time − uptime) and its log events are still facts to judge, as far back
// as Input.Lookback reaches.

// crashWords are reload reasons that say the device crashed rather than
// was reloaded: a crash outside every window is worth more than a reload.
var crashWords = []string{"panic", "crash", "watchdog", "exception", "bus error", "segmentation", "segv",
	"signal", "cpu hog", "abort", "fatal"}

// IsCrashReason reports whether a reload reason names a crash.
func IsCrashReason(reason string) bool {
	r := strings.ToLower(reason)
	for _, w := range crashWords {
		if strings.Contains(r, w) {
			return true
		}
	}
	return false
}

// crashSeverity raises a REL-001 finding to high when the reload reason
// names a crash.
func crashSeverity(f Finding, reason string) Finding {
	if IsCrashReason(reason) && f.Severity.Rank() < High.Rank() {
		f.Severity = High
		f.Evidence += "; the reload reason names a crash, so the severity is raised to high"
	}
	return f
}

// firstSightReload is REL-001 on a device's first audit: its last boot
// lies within the lookback and no window allowing reload covers it. A boot
// older than the lookback is not judged.
func firstSightReload(in Input, r Rule) []Finding {
	f := in.Facts
	if f.UptimeSeconds <= 0 {
		return nil // no uptime read (some parsers give none): no evidence of a boot time
	}
	now := in.now()
	uptime := time.Duration(f.UptimeSeconds) * time.Second
	booted := now.Add(-uptime).UTC()
	reason := visible(f.LastReloadReason)
	if reason == "" {
		reason = "not reported"
	}
	if uptime > in.lookback() {
		return nil // before the lookback: not judged (a change record rarely reaches back further)
	}
	from, to := booted.Add(-change.BootTolerance), booted.Add(change.BootTolerance)
	if to.After(now) {
		to = now
	}
	a := in.windowAnswer(baseline.KindReload, from, to)
	if a.WindowFound {
		return nil
	}
	evidence := fmt.Sprintf("first audit: the device booted at about %s (uptime %s, reload reason: %s); no change window allows reload on %s between %s and %s",
		booted.Format(time.RFC3339), uptime, reason, visible(in.Device), from.Format(time.RFC3339), to.Format(time.RFC3339))
	nf := r.finding(fmt.Sprintf("uptime %s", uptime), "a reload inside a change window", evidence)
	return []Finding{crashSeverity(nf, f.LastReloadReason).decide(a)}
}

// NotJudged lists what a first audit leaves unjudged because it lies
// before the lookback: the last boot (the sweep logs it).
func NotJudged(in Input) []string {
	if in.Previous != nil || in.Facts.UptimeSeconds <= 0 {
		return nil
	}
	uptime := time.Duration(in.Facts.UptimeSeconds) * time.Second
	if uptime <= in.lookback() {
		return nil
	}
	return []string{fmt.Sprintf("last boot at about %s (uptime %s) is before the %s lookback",
		in.now().Add(-uptime).UTC().Format(time.RFC3339), uptime, in.lookback())}
}
