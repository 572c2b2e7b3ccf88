package change

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fwaudit/internal/facts"
)

// BootTolerance absorbs uptime rounding (IOS prints minutes) and clock
// skew: a boot time that moved by less is the same boot.
const BootTolerance = 10 * time.Minute

// ReloadEvidence is why Reloaded says the device booted between two
// snapshots. Boot time is collected_at − uptime.
type ReloadEvidence struct {
	UptimeBefore, UptimeAfter time.Duration
	BootedBefore, BootedAt    time.Time
	// UptimeWentDown: the later snapshot's uptime is lower. Otherwise the
	// boot time moved forward by BootMoved, more than BootTolerance.
	UptimeWentDown bool
	BootMoved      time.Duration
	// Reason is the later snapshot's last reload reason, as the device
	// put it ("" when not reported); not yet safe to print.
	Reason string
}

// MarshalJSON writes durations in seconds and times in RFC 3339.
func (e ReloadEvidence) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		UptimeBefore   int64  `json:"uptime_before_seconds"`
		UptimeAfter    int64  `json:"uptime_after_seconds"`
		BootedBefore   string `json:"booted_before"`
		BootedAt       string `json:"booted_at"`
		UptimeWentDown bool   `json:"uptime_went_down"`
		BootMoved      int64  `json:"boot_moved_seconds"`
		Reason         string `json:"reason,omitempty"`
	}{int64(e.UptimeBefore.Seconds()), int64(e.UptimeAfter.Seconds()), stamp(e.BootedBefore), stamp(e.BootedAt),
		e.UptimeWentDown, int64(e.BootMoved.Seconds()), e.Reason})
}

// Reloaded is the one rule for "the device reloaded between prev and cur":
// both uptimes are known, cur was collected after prev, and the uptime went
// down or the boot time (collected_at − uptime) moved forward by more than
// BootTolerance. An unknown uptime (a failed collection) is no evidence.
func Reloaded(prev, cur Snapshot) (ReloadEvidence, bool) {
	if !uptimeKnown(prev.Facts) || !uptimeKnown(cur.Facts) ||
		prev.CollectedAt.IsZero() || !cur.CollectedAt.After(prev.CollectedAt) {
		return ReloadEvidence{}, false
	}
	e := ReloadEvidence{
		UptimeBefore: time.Duration(prev.Facts.UptimeSeconds) * time.Second,
		UptimeAfter:  time.Duration(cur.Facts.UptimeSeconds) * time.Second,
		Reason:       cur.Facts.LastReloadReason,
	}
	e.BootedBefore = prev.CollectedAt.Add(-e.UptimeBefore).UTC()
	e.BootedAt = cur.CollectedAt.Add(-e.UptimeAfter).UTC()
	e.UptimeWentDown = e.UptimeAfter < e.UptimeBefore
	e.BootMoved = e.BootedAt.Sub(e.BootedBefore)
	return e, e.UptimeWentDown || e.BootMoved > BootTolerance
}

// uptimeKnown: every platform reads the uptime from the output that gives
// the OS version (show version), so an uptime of 0 is a fresh boot when
// the OS version was read, and nothing known when it was not.
func uptimeKnown(f facts.Facts) bool {
	return f.UptimeSeconds > 0 || strings.TrimSpace(f.OSVersion) != ""
}

// Text says what the evidence is, in one line.
func (e ReloadEvidence) Text() string {
	if e.UptimeWentDown {
		return fmt.Sprintf("uptime went down from %s to %s: booted at about %s", e.UptimeBefore, e.UptimeAfter, stamp(e.BootedAt))
	}
	return fmt.Sprintf("boot time moved from %s to %s (%s later, more than the %s tolerance)",
		stamp(e.BootedBefore), stamp(e.BootedAt), e.BootMoved, BootTolerance)
}

func (e ReloadEvidence) change() Change {
	return Change{Kind: Reload,
		Before: fmt.Sprintf("uptime %s (booted %s)", e.UptimeBefore, stamp(e.BootedBefore)),
		After:  fmt.Sprintf("uptime %s (booted %s)", e.UptimeAfter, stamp(e.BootedAt)),
		Reload: &e}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
