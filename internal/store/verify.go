package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Problem is one inconsistency store verify found.
type Problem struct {
	SnapshotID int64  `json:"snapshot_id"`
	Device     string `json:"device"`
	What       string `json:"what"`
}

// Verify recomputes every snapshot's digest from its stored facts,
// findings and outputs, every acceptance's digest, and every chain link
// (an acceptance is a link after the snapshot it was made on). It returns the problems found;
// an empty list means the store is consistent.
func (s *Store) Verify(ctx context.Context) ([]Problem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+snapshotColumns+` FROM snapshots ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	type rawSnap struct {
		sn                     Snapshot
		factsJSON, findingJSON []byte
	}
	var all []rawSnap
	for rows.Next() {
		var r rawSnap
		var taken, started, finished string
		if err := rows.Scan(&r.sn.ID, &r.sn.Parent, &r.sn.RunID, &r.sn.Device, &r.sn.Label, &taken, &started,
			&finished, &r.sn.ProgramVersion, &r.sn.Schema, &r.sn.Status, &r.sn.Error, &r.sn.HostKey,
			&r.factsJSON, &r.findingJSON, &r.sn.Digest, &r.sn.Chain); err != nil {
			rows.Close()
			return nil, fmt.Errorf("verify: %w", err)
		}
		r.sn.TakenAt = parseTime(taken)
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	allAccs, err := s.acceptances(ctx, s.db, "")
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	accs := map[int64][]Acceptance{} // by the snapshot each follows, in id order
	for _, a := range allAccs {
		accs[a.SnapshotID] = append(accs[a.SnapshotID], a)
	}
	var probs []Problem
	lastChain := map[string]string{}
	lastID := map[string]int64{}
	for _, r := range all {
		bad := func(format string, a ...any) {
			probs = append(probs, Problem{SnapshotID: r.sn.ID, Device: r.sn.Device, What: fmt.Sprintf(format, a...)})
		}
		outs, err := s.rawOutputs(ctx, r.sn.ID)
		if err != nil {
			return nil, fmt.Errorf("verify: %w", err)
		}
		m := map[string]string{}
		for _, o := range outs {
			switch {
			case o.err != nil:
				bad("output %q unreadable: %s", o.command, o.err)
			case sha256Hex([]byte(o.text)) != o.sha:
				bad("output %q does not match its sha256", o.command)
			}
			m[o.command] = o.text
		}
		if d := Digest(r.sn, r.factsJSON, r.findingJSON, m); d != r.sn.Digest {
			bad("content digest %s… does not match the recorded %s…", short(d), short(r.sn.Digest))
		}
		if r.sn.Parent != lastID[r.sn.Device] {
			bad("parent is %d, the device's previous snapshot is %d (a snapshot was removed or inserted)", r.sn.Parent, lastID[r.sn.Device])
		}
		if c := chain(lastChain[r.sn.Device], r.sn.Digest); c != r.sn.Chain {
			bad("chain link %s… does not match the recorded %s…", short(c), short(r.sn.Chain))
		}
		lastChain[r.sn.Device], lastID[r.sn.Device] = r.sn.Chain, r.sn.ID
		for _, a := range accs[r.sn.ID] {
			if a.Device != r.sn.Device {
				bad("acceptance #%d names device %q", a.ID, a.Device)
			}
			if d := acceptanceDigest(a); d != a.Digest {
				bad("acceptance #%d: content digest %s… does not match the recorded %s…", a.ID, short(d), short(a.Digest))
			}
			if c := chain(lastChain[r.sn.Device], a.Digest); c != a.Chain {
				bad("acceptance #%d: chain link %s… does not match the recorded %s…", a.ID, short(c), short(a.Chain))
			}
			lastChain[r.sn.Device] = a.Chain
		}
	}
	return probs, nil
}

// ChainHead is the newest chain value of device: publish it elsewhere (a
// ticket, the SIEM) and a rewrite of the whole history becomes detectable too.
func (s *Store) ChainHead(ctx context.Context, device string) (string, error) {
	var c string
	err := s.db.QueryRowContext(ctx, s.d.q(`SELECT chain FROM snapshots WHERE device = ? ORDER BY id DESC LIMIT 1`), device).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("device %q: %w", device, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("chain head of %s: %w", device, err)
	}
	return c, nil
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// CheckChain reports, for each snapshot of hist (one device's history),
// whether its content digest and chain link verify (see Verify).
func (s *Store) CheckChain(ctx context.Context, hist []Snapshot) (map[int64]bool, error) {
	probs, err := s.Verify(ctx)
	if err != nil {
		return nil, err
	}
	bad := map[int64]bool{}
	for _, p := range probs {
		bad[p.SnapshotID] = true
	}
	ok := map[int64]bool{}
	for _, sn := range hist {
		ok[sn.ID] = !bad[sn.ID]
	}
	return ok, nil
}
