package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"fwaudit/internal/audit"
)

// ErrNothingToAccept: the device has no open finding of the rule.
var ErrNothingToAccept = errors.New("no open finding to accept")

// Acceptance is one `fwaudit accept`: the open findings of Rule on Device
// (their audit.Key in Keys) are accepted by a person. It is a link of the
// device's hash chain, right after snapshot SnapshotID.
type Acceptance struct {
	ID         int64    `json:"id"`
	Device     string   `json:"device"`
	SnapshotID int64    `json:"snapshot_id"`
	Rule       string   `json:"rule"`
	Keys       []string `json:"keys"`
	audit.Acceptance
	Digest string `json:"digest"`
	Chain  string `json:"chain"`
}

// Covers reports whether the acceptance holds f at now.
func (a Acceptance) Covers(f audit.Finding, now time.Time) bool {
	return a.accepts(f) && a.Holds(now)
}

// forGood reports whether the acceptance covers f with no end.
func (a Acceptance) forGood(f audit.Finding) bool {
	return a.accepts(f) && a.Until.IsZero()
}

// accepts: f is one of the findings accepted — its identity, and already
// reported when the acceptance was made. A finding first seen later (the
// next reload, a new change) is a new one, whatever its identity.
func (a Acceptance) accepts(f audit.Finding) bool {
	return a.Rule == f.Rule && slices.Contains(a.Keys, audit.Key(f)) && (f.FirstSeen.IsZero() || !f.FirstSeen.After(a.At))
}

// acceptanceDigest is the SHA-256 over an acceptance's content, each part
// length-prefixed as in Digest.
func acceptanceDigest(a Acceptance) string {
	h := sha256.New()
	put := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	put("fwaudit.acceptance/v1")
	keys, _ := json.Marshal(a.Keys)
	until := ""
	if !a.Until.IsZero() {
		until = fmtTime(a.Until)
	}
	for _, s := range []string{a.Device, fmt.Sprint(a.SnapshotID), a.Rule, string(keys), a.By, fmtTime(a.At), a.Reason, until, a.Ticket} {
		put(s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Accept records that the open findings of rule on device are accepted
// (a.By, a.At, a.Reason, a.Until, a.Ticket). The findings are those of the
// device's newest audited snapshot, with the acceptances already made
// applied: open ones, and accepted ones whose acceptance ends (to extend it
// or make it for good); ErrNothingToAccept when there is none. The acceptance is chained
// after the device's newest snapshot; no evidence is changed or removed.
func (s *Store) Accept(ctx context.Context, device, rule string, a audit.Acceptance) (Acceptance, error) {
	acc := Acceptance{Device: device, Rule: rule, Acceptance: a}
	acc.At = acc.At.UTC()
	if !acc.Until.IsZero() {
		acc.Until = acc.Until.UTC()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Acceptance{}, fmt.Errorf("accept %s on %s: %w", rule, device, err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := s.lockDevice(ctx, tx, device); err != nil {
		return Acceptance{}, fmt.Errorf("accept %s on %s: %w", rule, device, err)
	}
	head, headChain, err := s.chainHead(ctx, tx, device)
	if err != nil {
		return Acceptance{}, fmt.Errorf("accept %s on %s: %w", rule, device, err)
	}
	open, err := s.currentFindings(ctx, tx, device, acc.At)
	if err != nil {
		return Acceptance{}, fmt.Errorf("accept %s on %s: %w", rule, device, err)
	}
	for _, f := range open {
		forGood := f.State == audit.StateAccepted && f.Accepted != nil && f.Accepted.Until.IsZero()
		if f.Rule == rule && !forGood && !slices.Contains(acc.Keys, audit.Key(f)) {
			acc.Keys = append(acc.Keys, audit.Key(f))
		}
	}
	if len(acc.Keys) == 0 {
		return Acceptance{}, fmt.Errorf("accept %s on %s: %w", rule, device, ErrNothingToAccept)
	}
	slices.Sort(acc.Keys)
	acc.SnapshotID = head
	acc.Digest = acceptanceDigest(acc)
	acc.Chain = chain(headChain, acc.Digest)
	keys, _ := json.Marshal(acc.Keys)
	until := ""
	if !acc.Until.IsZero() {
		until = fmtTime(acc.Until)
	}
	err = tx.QueryRowContext(ctx, s.d.q(`INSERT INTO acceptances (device, snapshot_id, rule, keys, accepted_by, accepted_at,
		reason, until, ticket, digest, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		acc.Device, acc.SnapshotID, acc.Rule, keys, acc.By, fmtTime(acc.At), acc.Reason, until, acc.Ticket,
		acc.Digest, acc.Chain).Scan(&acc.ID)
	if err != nil {
		return Acceptance{}, fmt.Errorf("accept %s on %s: %w", rule, device, err)
	}
	if err := tx.Commit(); err != nil {
		return Acceptance{}, fmt.Errorf("accept %s on %s: commit: %w", rule, device, err)
	}
	return acc, nil
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// chainHead is the device's newest link: its newest snapshot, or the
// newest acceptance made on it. ErrNotFound when the device has none.
func (s *Store) chainHead(ctx context.Context, q querier, device string) (snapID int64, chainValue string, err error) {
	err = q.QueryRowContext(ctx, s.d.q(`SELECT id, chain FROM snapshots WHERE device = ? ORDER BY id DESC LIMIT 1`), device).
		Scan(&snapID, &chainValue)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", fmt.Errorf("device %q has no snapshot: %w", device, ErrNotFound)
	}
	if err != nil {
		return 0, "", fmt.Errorf("find chain head: %w", err)
	}
	var c string
	err = q.QueryRowContext(ctx, s.d.q(`SELECT chain FROM acceptances WHERE snapshot_id = ? ORDER BY id DESC LIMIT 1`), snapID).Scan(&c)
	switch {
	case err == nil:
		return snapID, c, nil
	case errors.Is(err, sql.ErrNoRows):
		return snapID, chainValue, nil
	}
	return 0, "", fmt.Errorf("find chain head: %w", err)
}

// Acceptances lists the acceptances of device ("" for every device), oldest first.
func (s *Store) Acceptances(ctx context.Context, device string) ([]Acceptance, error) {
	return s.acceptances(ctx, s.db, device)
}

const acceptanceColumns = `id, device, snapshot_id, rule, keys, accepted_by, accepted_at, reason, until, ticket, digest, chain`

func (s *Store) acceptances(ctx context.Context, q querier, device string) ([]Acceptance, error) {
	if device == "" {
		return s.acceptancesWhere(ctx, q, "")
	}
	return s.acceptancesWhere(ctx, q, `WHERE device = ?`, device)
}

// acceptancesWhere lists the acceptances matching where, in id order.
func (s *Store) acceptancesWhere(ctx context.Context, q querier, where string, args ...any) ([]Acceptance, error) {
	rows, err := q.QueryContext(ctx, s.d.q(`SELECT `+acceptanceColumns+` FROM acceptances `+where+` ORDER BY id`), args...)
	if err != nil {
		return nil, fmt.Errorf("read acceptances: %w", err)
	}
	defer rows.Close()
	var out []Acceptance
	for rows.Next() {
		var a Acceptance
		var keys []byte
		var at, until string
		if err := rows.Scan(&a.ID, &a.Device, &a.SnapshotID, &a.Rule, &keys, &a.By, &at, &a.Reason, &until,
			&a.Ticket, &a.Digest, &a.Chain); err != nil {
			return nil, fmt.Errorf("read acceptance: %w", err)
		}
		if err := json.Unmarshal(keys, &a.Keys); err != nil {
			return nil, fmt.Errorf("acceptance %d: decode keys: %w", a.ID, err)
		}
		a.At, a.Until = parseTime(at), parseTime(until)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read acceptances: %w", err)
	}
	return out, nil
}
