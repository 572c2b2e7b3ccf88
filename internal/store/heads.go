package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// HeadsSchema names the statement format Heads writes and CheckHeads reads.
const HeadsSchema = "fwaudit.store-heads/v1"

// Head is one device's latest link: its newest snapshot and the newest
// chain value (an acceptance made on that snapshot extends the chain).
type Head struct {
	Device     string `json:"device"`
	SnapshotID int64  `json:"snapshot_id"`
	Chain      string `json:"chain"`
}

// Statement is every device's head and the newest run, with a SHA-256 over
// all of it. Kept outside the database (a ticket, the SIEM, a write-once
// bucket), it anchors the hash chains: a later store that lost a device's
// history, its newest snapshots, or was rewritten with recomputed hashes
// no longer matches it.
type Statement struct {
	Schema string `json:"schema"`
	Run    int64  `json:"run"`
	Heads  []Head `json:"heads"`
	Digest string `json:"digest"`
}

// statementDigest hashes the statement's content, one line per field.
func statementDigest(st Statement) string {
	var b strings.Builder
	b.WriteString(HeadsSchema + "\nrun " + strconv.FormatInt(st.Run, 10) + "\n")
	for _, h := range st.Heads {
		b.WriteString(strconv.Quote(h.Device) + " " + strconv.FormatInt(h.SnapshotID, 10) + " " + h.Chain + "\n")
	}
	return sha256Hex([]byte(b.String()))
}

// Heads returns the statement of the store as it is now: for each device
// (in byte order) its newest snapshot and newest chain value.
func (s *Store) Heads(ctx context.Context) (Statement, error) {
	st := Statement{Schema: HeadsSchema}
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM runs`).Scan(&st.Run); err != nil {
		return Statement{}, fmt.Errorf("heads: newest run: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.device, s.id, s.chain FROM snapshots s
		WHERE s.id = (SELECT MAX(id) FROM snapshots t WHERE t.device = s.device) ORDER BY `+s.d.byteOrder("s.device"))
	if err != nil {
		return Statement{}, fmt.Errorf("heads: %w", err)
	}
	for rows.Next() {
		var h Head
		if err := rows.Scan(&h.Device, &h.SnapshotID, &h.Chain); err != nil {
			rows.Close()
			return Statement{}, fmt.Errorf("heads: %w", err)
		}
		st.Heads = append(st.Heads, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Statement{}, fmt.Errorf("heads: %w", err)
	}
	accs, err := s.acceptances(ctx, s.db, "")
	if err != nil {
		return Statement{}, fmt.Errorf("heads: %w", err)
	}
	for i, h := range st.Heads {
		for _, a := range accs { // id order: the last one on the head snapshot wins
			if a.SnapshotID == h.SnapshotID && a.Device == h.Device {
				st.Heads[i].Chain = a.Chain
			}
		}
	}
	if st.Heads == nil {
		st.Heads = []Head{}
	}
	st.Digest = statementDigest(st)
	return st, nil
}

// maxStatement bounds a statement file read by ReadStatement.
const maxStatement = 64 << 20

// ReadStatement decodes a statement Heads wrote (JSON) and checks its
// digest, so a truncated or hand-edited statement is refused.
func ReadStatement(r io.Reader) (Statement, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxStatement+1))
	if err != nil {
		return Statement{}, fmt.Errorf("read heads statement: %w", err)
	}
	if len(data) > maxStatement {
		return Statement{}, fmt.Errorf("read heads statement: larger than %d bytes", maxStatement)
	}
	var st Statement
	if err := json.Unmarshal(data, &st); err != nil {
		return Statement{}, fmt.Errorf("read heads statement: %w", err)
	}
	if st.Schema != HeadsSchema {
		return Statement{}, fmt.Errorf("read heads statement: schema %q, want %q", st.Schema, HeadsSchema)
	}
	if d := statementDigest(st); d != st.Digest {
		return Statement{}, errors.New("read heads statement: its digest does not match its content (truncated or edited)")
	}
	return st, nil
}

// CheckHeads compares the store with a statement Heads made earlier and
// kept elsewhere. Each device of the statement must still have its stated
// snapshot with the stated chain value (its own or an acceptance's on it);
// newer snapshots may follow (store Verify checks they link). A device
// gone, a head removed, or a chain rewritten is a Problem. A device the
// statement does not name is not judged: it may be new.
func (s *Store) CheckHeads(ctx context.Context, st Statement) ([]Problem, error) {
	have := map[string]map[string]bool{} // device → chain values of its links
	newest := map[string]int64{}
	rows, err := s.db.QueryContext(ctx, `SELECT id, device, chain FROM snapshots ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("check heads: %w", err)
	}
	type link struct {
		id            int64
		device, chain string
	}
	var links []link
	for rows.Next() {
		var l link
		if err := rows.Scan(&l.id, &l.device, &l.chain); err != nil {
			rows.Close()
			return nil, fmt.Errorf("check heads: %w", err)
		}
		links = append(links, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("check heads: %w", err)
	}
	accs, err := s.acceptances(ctx, s.db, "")
	if err != nil {
		return nil, fmt.Errorf("check heads: %w", err)
	}
	add := func(dev, chain string) {
		if have[dev] == nil {
			have[dev] = map[string]bool{}
		}
		have[dev][chain] = true
	}
	for _, l := range links {
		add(l.device, l.chain)
		newest[l.device] = l.id
	}
	for _, a := range accs {
		add(a.Device, a.Chain)
	}
	cps, err := s.Checkpoints(ctx)
	if err != nil {
		return nil, fmt.Errorf("check heads: %w", err)
	}
	pruned := map[string]int64{} // device → newest pruned snapshot
	for _, c := range cps {
		add(c.Device, c.Chain)
		pruned[c.Device] = c.SnapshotID
	}
	var probs []Problem
	for _, h := range st.Heads {
		bad := func(format string, a ...any) {
			probs = append(probs, Problem{SnapshotID: h.SnapshotID, Device: h.Device, What: fmt.Sprintf(format, a...)})
		}
		switch {
		case !have[h.Device][h.Chain] && h.SnapshotID < pruned[h.Device]:
			// A head older than the prune horizon: only the checkpoint
			// (the last pruned link) is left to compare with.
		case have[h.Device] == nil:
			bad("no snapshot of the device in the store: the statement's head (snapshot %d, chain %s…) and its whole history were deleted", h.SnapshotID, short(h.Chain))
		case !have[h.Device][h.Chain] && newest[h.Device] < h.SnapshotID:
			bad("the newest snapshot is %d, the statement's head is snapshot %d (chain %s…): newer snapshots were removed", newest[h.Device], h.SnapshotID, short(h.Chain))
		case !have[h.Device][h.Chain]:
			bad("the statement's chain value %s… (snapshot %d) is nowhere in the device's chain: the history was rewritten", short(h.Chain), h.SnapshotID)
		}
	}
	return probs, nil
}

// WriteStatement writes st as indented JSON.
func WriteStatement(w io.Writer, st Statement) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(st); err != nil {
		return fmt.Errorf("write heads statement: %w", err)
	}
	return nil
}

// ReadStatementFile reads a statement from path, a regular file: opened
// without blocking, so a FIFO or a device is refused rather than waited on.
func ReadStatementFile(path string) (Statement, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return Statement{}, fmt.Errorf("read heads statement: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Statement{}, fmt.Errorf("read heads statement: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return Statement{}, fmt.Errorf("read heads statement: %s is not a regular file", path)
	}
	return ReadStatement(f)
}
