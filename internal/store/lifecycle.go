package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"fwaudit/internal/audit"
)

// The finding lifecycle. Save gives each finding its state from the
// device's earlier findings and acceptances: new the first time (by
// audit.Key), open after, accepted while an acceptance covers it. An event
// finding (audit.StickyRules) no longer raised is carried until accepted.
// History rules compare with the snapshot trusted for them (trusted).

// lifecycle returns fs with state, first_seen, last_seen and accepted set,
// plus the carried sticky findings of prior.
func lifecycle(fs, prior []audit.Finding, accs []Acceptance, now time.Time) []audit.Finding {
	before := map[string]audit.Finding{}
	for _, p := range prior {
		before[audit.Key(p)] = p
	}
	out := make([]audit.Finding, 0, len(fs))
	seen := map[string]bool{}
	for _, f := range fs {
		k := audit.Key(f)
		seen[k] = true
		f.State, f.FirstSeen, f.LastSeen, f.Accepted = audit.StateNew, now, now, nil
		if p, ok := before[k]; ok {
			f.State = audit.StateOpen
			if !p.FirstSeen.IsZero() {
				f.FirstSeen = p.FirstSeen
			}
		}
		out = append(out, withAcceptance(f, accs, now))
	}
	for _, k := range slices.Sorted(maps.Keys(before)) {
		p := before[k]
		if seen[k] || !audit.IsStickyRule(p.Rule) || acceptedForGood(p, accs) {
			continue
		}
		p.State, p.LastSeen, p.Accepted = audit.StateOpen, now, nil
		if p.FirstSeen.IsZero() {
			p.FirstSeen = now
		}
		out = append(out, withAcceptance(p, accs, now))
	}
	audit.SortFindings(out)
	return out
}

// withAcceptance marks f accepted when an acceptance in force covers it
// (the newest wins); an accepted finding whose acceptance ended is open.
func withAcceptance(f audit.Finding, accs []Acceptance, now time.Time) audit.Finding {
	for i := len(accs) - 1; i >= 0; i-- {
		if accs[i].Covers(f, now) {
			a := accs[i].Acceptance
			f.State, f.Accepted = audit.StateAccepted, &a
			return f
		}
	}
	if f.State == audit.StateAccepted {
		f.State, f.Accepted = audit.StateOpen, nil
	}
	return f
}

func acceptedForGood(f audit.Finding, accs []Acceptance) bool {
	for _, a := range accs {
		if a.forGood(f) {
			return true
		}
	}
	return false
}

// priorFindings are the device's findings as last recorded: its newest
// audited snapshot's, and those of a newer failed one on top (a failed
// collection carries the event findings too).
func (s *Store) priorFindings(ctx context.Context, q querier, device string) ([]audit.Finding, error) {
	// The newest snapshot first: when it was audited (the usual case) it
	// is the newest audited one too, and one query does.
	var newest []byte
	var status string
	err := q.QueryRowContext(ctx, s.d.q(`SELECT findings, status FROM snapshots WHERE device = ? ORDER BY id DESC LIMIT 1`), device).Scan(&newest, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read prior findings: %w", err)
	}
	return s.priorFrom(ctx, q, device, newest, status)
}

// priorFrom is priorFindings given the newest snapshot's findings and
// status (a batch reads them for all its devices at once).
func (s *Store) priorFrom(ctx context.Context, q querier, device string, newest []byte, status string) ([]audit.Finding, error) {
	bodies := [][]byte{newest}
	if status != StatusOK {
		var ok []byte
		err := q.QueryRowContext(ctx, s.d.q(`SELECT findings FROM snapshots WHERE device = ? AND status = 'ok' ORDER BY id DESC LIMIT 1`), device).Scan(&ok)
		switch {
		case err == nil:
			bodies = [][]byte{ok, newest}
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("read prior findings: %w", err)
		}
	}
	var out []audit.Finding
	byKey := map[string]int{}
	for _, body := range bodies {
		var fs []audit.Finding
		if err := json.Unmarshal(body, &fs); err != nil {
			return nil, fmt.Errorf("decode prior findings: %w", err)
		}
		for _, f := range fs {
			if i, ok := byKey[audit.Key(f)]; ok {
				out[i] = f
				continue
			}
			byKey[audit.Key(f)] = len(out)
			out = append(out, f)
		}
	}
	return out, nil
}

// currentFindings are the device's findings as of now: as last recorded,
// with the acceptances made since (or ended since) applied.
func (s *Store) currentFindings(ctx context.Context, q querier, device string, now time.Time) ([]audit.Finding, error) {
	fs, err := s.priorFindings(ctx, q, device)
	if err != nil {
		return nil, err
	}
	accs, err := s.acceptances(ctx, q, device)
	if err != nil {
		return nil, err
	}
	for i := range fs {
		fs[i] = withAcceptance(fs[i], accs, now)
	}
	return fs, nil
}

// Current lists device's findings as of now, each with its state (what
// `fwaudit findings` shows).
func (s *Store) Current(ctx context.Context, device string, now time.Time) ([]audit.Finding, error) {
	return s.currentFindings(ctx, s.db, device, now)
}

// Devices lists every device the store holds a snapshot of, sorted.
func (s *Store) Devices(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT device FROM snapshots GROUP BY device ORDER BY `+s.d.byteOrder("device"))
	if err != nil {
		return nil, fmt.Errorf("list devices: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, fmt.Errorf("list devices: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// trusted finds (with the id of the device's first audited snapshot), for each audit.TrustRules rule, the device's newest
// audited snapshot trusted for it: none of its findings of the rule is
// left unaccepted for good. The first snapshot is trusted as taken unless
// it holds such a finding itself (a first-sight REL-001); a rule with no
// trusted snapshot maps to nil (judged on first sight again).
// newest is the device's newest ok snapshot when the caller has read it
// already (Previous): a rule it is trusted for is not read again.
func (s *Store) trusted(ctx context.Context, device string, newest *Snapshot) (map[string]*audit.Previous, int64, error) {
	accs, err := s.acceptances(ctx, s.reads, device)
	if err != nil {
		return nil, 0, err
	}
	// Each row carries the id of the device's first audited snapshot too
	// (an uncorrelated subquery, evaluated once): one statement fewer.
	rows, err := s.reads.QueryContext(ctx, s.d.q(`SELECT id, findings,
		(SELECT MIN(id) FROM snapshots WHERE device = ? AND status = 'ok')
		FROM snapshots WHERE device = ? AND status = 'ok' ORDER BY id DESC`), device, device)
	if err != nil {
		return nil, 0, fmt.Errorf("read trusted snapshots: %w", err)
	}
	// A rule no finding of which is accepted for good on this device can
	// only be trusted in a snapshot without a finding of it: that is
	// decided on the stored JSON without decoding it (ruleInFindings), so
	// a device drifted for a year of nightly snapshots is walked back at
	// the cost of reading its rows.
	acceptable := map[string]bool{}
	for _, a := range accs {
		if a.Until.IsZero() {
			acceptable[a.Rule] = true
		}
	}
	pick := map[string]int64{}
	var first int64 // 0: the device has no audited snapshot
	for rows.Next() && len(pick) < len(audit.TrustRules) {
		var id int64
		var body sql.RawBytes // valid until the next row: only read in this iteration
		if err := rows.Scan(&id, &body, &first); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("read trusted snapshots: %w", err)
		}
		var fs []audit.Finding
		decoded := false
		for _, r := range audit.TrustRules {
			if _, done := pick[r]; done {
				continue
			}
			if !ruleInFindings(body, r) {
				pick[r] = id
				continue
			}
			if !acceptable[r] {
				continue // a finding of r, and nothing accepts one for good
			}
			if !decoded {
				if err := json.Unmarshal(body, &fs); err != nil {
					rows.Close()
					return nil, 0, fmt.Errorf("snapshot %d: decode findings: %w", id, err)
				}
				decoded = true
			}
			if trustedFor(r, fs, accs) {
				pick[r] = id
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("read trusted snapshots: %w", err)
	}
	out := map[string]*audit.Previous{}
	got := map[int64]*audit.Previous{}
	if newest != nil {
		got[newest.ID] = newest.Previous()
		got[newest.ID].First = newest.ID == first
	}
	for _, r := range audit.TrustRules {
		id, ok := pick[r]
		if !ok {
			out[r] = nil
			continue
		}
		if got[id] == nil {
			sn, err := s.Get(ctx, id)
			if err != nil {
				return nil, 0, err
			}
			got[id] = sn.Previous()
			got[id].First = id == first
		}
		out[r] = got[id]
	}
	return out, first, nil
}

// ruleInFindings reports whether findingsJSON (a snapshot's findings as
// encode wrote them) holds a finding of rule. json.Marshal writes each
// finding's rule as "rule":"ID", with no space and no escape in an ID
// (TestRuleInFindingsMatchesDecoding holds every rule to that), and no
// other field of a finding is called rule; inside a string value a quote
// is escaped, so the text cannot appear there. A body without it has no
// finding of rule.
func ruleInFindings(findingsJSON []byte, rule string) bool {
	needle := make([]byte, 0, 32)
	needle = append(append(append(needle, `"rule":"`...), rule...), '"')
	return bytes.Contains(findingsJSON, needle)
}

// trustedFor: every finding of rule in fs is accepted for good.
func trustedFor(rule string, fs []audit.Finding, accs []Acceptance) bool {
	for _, f := range fs {
		if f.Rule == rule && !acceptedForGood(f, accs) {
			return false
		}
	}
	return true
}
