package audit

import (
	"slices"
	"time"
)

// Finding states. A finding is new the first time it is reported, open
// while it is reported again and nobody accepted it, accepted while an
// acceptance (fwaudit accept) holds it.
const (
	StateNew      = "new"
	StateOpen     = "open"
	StateAccepted = "accepted"
)

// Acceptance is a person's decision that a finding is known and allowed:
// who (the OS user), when, why, until when (zero: for good) and the ticket.
type Acceptance struct {
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
	Until  time.Time `json:"until,omitzero"`
	Ticket string    `json:"ticket,omitempty"`
}

// Holds reports whether the acceptance is in force at now.
func (a *Acceptance) Holds(now time.Time) bool {
	return a != nil && (a.Until.IsZero() || now.Before(a.Until))
}

// DefaultLookback bounds first-sight judgments (--lookback): a change
// record file rarely goes back further.
const DefaultLookback = 30 * 24 * time.Hour

// TrustRules compare the device with its last snapshot trusted for them
// (Previous.Trusted), so a change stays reported until it is accepted or a
// change window covers it.
var TrustRules = []string{ROM002, ROM004, IMG005, IMG006, BOOT003, REL001, FACT001}

// StickyRules report events, not states: a finding of theirs that is not
// accepted is carried into the next snapshot even when the event is no
// longer in the device's log (store lifecycle).
var StickyRules = []string{LOG001, LOG002}

// IsTrustRule reports whether rule compares with the trusted snapshot.
func IsTrustRule(rule string) bool { return slices.Contains(TrustRules, rule) }

// IsStickyRule reports whether rule's findings are carried until accepted.
func IsStickyRule(rule string) bool { return slices.Contains(StickyRules, rule) }

// Key is a finding's stable identity on its device: the rule and the
// subject (component version, file, source address…). It does not depend
// on values that change each run, such as an uptime.
func Key(f Finding) string {
	switch f.Rule {
	case REL001, IMG005, IMG006, BOOT003:
		return f.Rule // one per device: the state since the trusted snapshot
	}
	return f.Rule + "|" + f.Observed
}

// against is in with Previous replaced by the device's last snapshot
// trusted for rule: unchanged when the store did not say, nil when no
// snapshot is trusted for it (judged as on first sight).
func (in Input) against(rule string) Input {
	if in.Previous == nil {
		return in
	}
	if t, ok := in.Previous.Trusted[rule]; ok {
		in.Previous = t
	}
	return in
}

func (in Input) lookback() time.Duration {
	if in.Lookback <= 0 {
		return DefaultLookback
	}
	return in.Lookback
}

// SortFindings orders findings as Evaluate does: worst first, then rule,
// observed value and evidence (the store adds carried findings).
func SortFindings(fs []Finding) { sortFindings(fs) }

// StateOf is the finding's state: the store's, or new when it has none
// (no history store, or not saved yet).
func (f Finding) StateOf() string {
	if f.State == "" {
		return StateNew
	}
	return f.State
}
