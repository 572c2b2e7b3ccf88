package audit

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"
	"time"

	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// Log rules read Facts.Logs: events from the device's own log or from a
// collector's syslog and TFTP/SCP server files. With a previous snapshot
// only events after it count, so one old line does not fire every night.

// logTime gives a year to a timestamp that had none (IOS and RFC 3164
// print none): the latest year that does not put it more than a day after now.
func logTime(t, now time.Time) time.Time {
	if t.IsZero() || t.Year() != 0 {
		return t
	}
	y := t.AddDate(now.Year(), 0, 0)
	if y.After(now.Add(24 * time.Hour)) {
		y = y.AddDate(-1, 0, 0)
	}
	return y
}

// newEvents are the log events after the previous snapshot, with years.
// On a first audit every event is judged (first sight) back to the
// lookback; older ones (stamped with their year) are not judged. A finding raised once is carried by
// the store until it is accepted (StickyRules), so each event counts once.
func (in Input) newEvents() []facts.LogEvent {
	now := in.now()
	oldest := now.Add(-in.lookback())
	var out []facts.LogEvent
	for _, ev := range in.Facts.Logs {
		ownYear := ev.Time.Year() != 0
		ev.Time = logTime(ev.Time, now)
		if in.Previous != nil && !ev.Time.IsZero() && !ev.Time.After(in.Previous.TakenAt) {
			continue
		}
		// A stamp without a year (IOS buffer, RFC 3164) is given the latest
		// year that fits, so how old it is cannot be known beyond a year:
		// only an event stamped with its year is left unjudged by age.
		if in.Previous == nil && ownYear && ev.Time.Before(oldest) {
			continue
		}
		out = append(out, ev)
	}
	return out
}

// authorized reports whether addr lies in a management network; ok is false
// when it is not an address or no networks are configured.
func (in Input) authorized(addr string) (authorized, ok bool) {
	a, err := netip.ParseAddr(strings.TrimSpace(addr))
	if err != nil || len(in.Policy.ManagementNetworks) == 0 {
		return false, false
	}
	a = a.Unmap()
	for _, p := range in.Policy.ManagementNetworks {
		if p.Contains(a) {
			return true, true
		}
	}
	return false, true
}

// checkLogSources is LOG-001: one finding per source address outside
// policy.management_networks that logged in, transferred a file or changed
// the configuration. Quiet when no management networks are configured.
func checkLogSources(in Input, r Rule) []Finding {
	bad := map[string][]facts.LogEvent{}
	for _, ev := range in.newEvents() {
		if ev.Source == "" {
			continue
		}
		if ok, known := in.authorized(ev.Source); known && !ok {
			bad[ev.Source] = append(bad[ev.Source], ev)
		}
	}
	var out []Finding
	for _, src := range slices.Sorted(maps.Keys(bad)) {
		evs := bad[src]
		kinds := map[string]bool{}
		for _, ev := range evs {
			kinds[ev.Kind] = true
		}
		evidence := fmt.Sprintf("%d event(s) (%s) from %s, e.g. %s: %s", len(evs), strings.Join(slices.Sorted(maps.Keys(kinds)), ", "),
			visible(src), eventWhere(evs[0]), visible(evs[0].Message))
		a := Answers{Addresses: []AddressAnswer{{Address: visible(src), Authorized: false}}}
		f := r.finding(visible(src), "a source in "+prefixes(in.Policy.ManagementNetworks), evidence)
		out = append(out, f.decide(a))
	}
	return out
}

// firmwareKinds maps log event kinds LOG-002 watches to the change kind a
// window must allow.
var firmwareKinds = map[string]string{
	facts.LogTransfer:      baseline.KindImage,
	facts.LogImageCopy:     baseline.KindImage,
	facts.LogROMMONUpgrade: baseline.KindROMMON,
}

// checkLogTransfers is LOG-002: a firmware transfer, image copy or ROMMON
// upgrade logged at a time no change window covers. An event without a
// time is judged over the interval since the last snapshot.
func checkLogTransfers(in Input, r Rule) []Finding {
	var out []Finding
	for _, ev := range in.newEvents() {
		kind, watched := firmwareKinds[ev.Kind]
		if !watched {
			continue
		}
		var a Answers
		switch {
		case !ev.Time.IsZero():
			a = in.windowAnswer(kind, ev.Time, ev.Time)
		case in.Previous != nil:
			a = in.sinceLast(kind)
		default:
			a = Answers{WindowChecked: true}
		}
		if a.WindowFound {
			continue
		}
		if ev.Source != "" {
			if ok, known := in.authorized(ev.Source); known {
				a.Addresses = []AddressAnswer{{Address: visible(ev.Source), Authorized: ok}}
			}
		}
		when := "at an unknown time"
		if !ev.Time.IsZero() {
			when = "at " + ev.Time.UTC().Format(time.RFC3339)
		}
		evidence := fmt.Sprintf("%s %s (%s): %s; no change window allows %s on %s then", ev.Kind, when, eventWhere(ev),
			visible(ev.Message), kind, visible(in.Device))
		observed := ev.Kind
		if ev.File != "" {
			observed += " " + visible(ev.File)
		}
		out = append(out, r.finding(observed, "inside a change window allowing "+kind, evidence).decide(a))
	}
	return out
}

func eventWhere(ev facts.LogEvent) string {
	parts := []string{}
	if ev.Host != "" {
		parts = append(parts, "host "+visible(ev.Host))
	}
	if ev.Origin != "" {
		parts = append(parts, visible(ev.Origin))
	}
	if len(parts) == 0 {
		return "log"
	}
	return strings.Join(parts, ", ")
}

func prefixes(ps []netip.Prefix) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return list(s)
}

// EvaluateLogs runs only the log rules (LOG-001, LOG-002): for events read
// from a collector's files, where no boot chain was collected.
func EvaluateLogs(in Input) []Finding {
	var out []Finding
	for _, r := range rules {
		if r.ID == LOG001 || r.ID == LOG002 {
			out = append(out, r.check(in, r)...)
		}
	}
	for i := range out {
		out[i].sanitize()
	}
	sortFindings(out)
	return out
}
