package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// Problem is one inconsistency store verify found.
type Problem struct {
	SnapshotID int64  `json:"snapshot_id"`
	Device     string `json:"device"`
	What       string `json:"what"`
}

// verifyPage is how many snapshots Verify reads at a time: memory stays
// bounded by a page (and by the per-device chain state), whatever the
// store's size.
const verifyPage = 2000

// Verify recomputes every snapshot's digest from its stored facts,
// findings and outputs, every acceptance's digest, every chain link (an
// acceptance is a link after the snapshot it was made on; a pruned
// prefix is its checkpoint), and every ended run's digest. It returns the
// problems found; an empty list means the store is consistent.
//
// It scales: snapshots are read a page at a time in id order with their
// outputs (two queries per page), digests are recomputed on every core,
// and the chain is walked in order.
func (s *Store) Verify(ctx context.Context) ([]Problem, error) {
	probs, err := s.checkRuns(ctx)
	if err != nil {
		return nil, err
	}
	allAccs, err := s.acceptances(ctx, s.db, "")
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	accs := map[int64][]Acceptance{} // by the snapshot each follows, in id order
	for _, a := range allAccs {
		accs[a.SnapshotID] = append(accs[a.SnapshotID], a)
	}
	cps, err := s.Checkpoints(ctx)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	lastChain := map[string]string{}
	lastID := map[string]int64{}
	for _, c := range cps {
		lastChain[c.Device] = c.Chain // the first kept snapshot has no parent row
	}
	var after int64
	for {
		page, err := s.verifyPage(ctx, after)
		if err != nil {
			return nil, err
		}
		if len(page) == 0 {
			break
		}
		digestPage(page)
		for _, r := range page {
			probs = append(probs, r.probs...)
			bad := func(format string, a ...any) {
				probs = append(probs, Problem{SnapshotID: r.sn.ID, Device: r.sn.Device, What: fmt.Sprintf(format, a...)})
			}
			if r.digest != r.sn.Digest {
				bad("content digest %s… does not match the recorded %s…", short(r.digest), short(r.sn.Digest))
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
		after = page[len(page)-1].sn.ID
	}
	for _, c := range cps {
		if _, ok := lastID[c.Device]; !ok {
			probs = append(probs, Problem{SnapshotID: c.SnapshotID, Device: c.Device,
				What: "the device has a prune checkpoint but no snapshot: its history after the prune was deleted"})
		}
	}
	return probs, nil
}

// verifyRow is one snapshot as Verify reads it, with its outputs.
type verifyRow struct {
	sn                     Snapshot
	factsJSON, findingJSON []byte
	outputs                []storedOutput
	digest                 string    // recomputed
	probs                  []Problem // its outputs' problems
}

// verifyPage reads up to verifyPage snapshots with id > after, and their outputs.
func (s *Store) verifyPage(ctx context.Context, after int64) ([]verifyRow, error) {
	rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT `+snapshotColumns+` FROM snapshots WHERE id > ? ORDER BY id LIMIT ?`), after, verifyPage)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	var page []verifyRow
	for rows.Next() {
		var r verifyRow
		var taken, started, finished string
		if err := rows.Scan(&r.sn.ID, &r.sn.Parent, &r.sn.RunID, &r.sn.Device, &r.sn.Label, &taken, &started,
			&finished, &r.sn.ProgramVersion, &r.sn.Schema, &r.sn.Status, &r.sn.Error, &r.sn.HostKey,
			&r.factsJSON, &r.findingJSON, &r.sn.Digest, &r.sn.Chain, &r.sn.DigestVersion); err != nil {
			rows.Close()
			return nil, fmt.Errorf("verify: %w", err)
		}
		r.sn.TakenAt, r.sn.Started, r.sn.Finished = parseTime(taken), parseTime(started), parseTime(finished)
		page = append(page, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if len(page) == 0 {
		return nil, nil
	}
	byID := make(map[int64]int, len(page))
	for i, r := range page {
		byID[r.sn.ID] = i
	}
	orows, err := s.db.QueryContext(ctx, s.d.q(`SELECT snapshot_id, command, body, sha256 FROM outputs
		WHERE snapshot_id > ? AND snapshot_id <= ? ORDER BY snapshot_id, command`), after, page[len(page)-1].sn.ID)
	if err != nil {
		return nil, fmt.Errorf("verify: read outputs: %w", err)
	}
	defer orows.Close()
	for orows.Next() {
		var id int64
		var o storedOutput
		if err := orows.Scan(&id, &o.command, &o.body, &o.sha); err != nil {
			return nil, fmt.Errorf("verify: read outputs: %w", err)
		}
		if i, ok := byID[id]; ok {
			page[i].outputs = append(page[i].outputs, o)
		}
	}
	if err := orows.Err(); err != nil {
		return nil, fmt.Errorf("verify: read outputs: %w", err)
	}
	return page, nil
}

// digestPage decompresses, checks and hashes each row's outputs and
// recomputes its digest, on every core.
func digestPage(page []verifyRow) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				digestRow(&page[i])
			}
		})
	}
	for i := range page {
		next <- i
	}
	close(next)
	wg.Wait()
}

func digestRow(r *verifyRow) {
	m := make(map[string]string, len(r.outputs))
	for _, o := range r.outputs {
		text, err := decompress(o.body)
		switch {
		case err != nil:
			r.probs = append(r.probs, Problem{SnapshotID: r.sn.ID, Device: r.sn.Device, What: fmt.Sprintf("output %q unreadable: %s", o.command, err)})
		case sha256String(text) != o.sha:
			r.probs = append(r.probs, Problem{SnapshotID: r.sn.ID, Device: r.sn.Device, What: fmt.Sprintf("output %q does not match its sha256", o.command)})
		}
		m[o.command] = text
	}
	r.digest = Digest(r.sn, r.factsJSON, r.findingJSON, m)
	r.outputs, r.factsJSON, r.findingJSON = nil, nil, nil
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
