package store

import (
	"context"
	"fmt"
)

// maxOutputBytes bounds one decompressed output (a hostile or corrupt row
// cannot inflate without limit).
const maxOutputBytes = 64 << 20

// Outputs returns the raw outputs a snapshot was derived from, command →
// text, each checked against its recorded sha256.
func (s *Store) Outputs(ctx context.Context, id int64) (map[string]string, error) {
	raw, err := s.rawOutputs(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(raw))
	for _, o := range raw {
		if o.err != nil {
			return nil, fmt.Errorf("snapshot %d: output %q: %w", id, o.command, o.err)
		}
		if sha256String(o.text) != o.sha {
			return nil, fmt.Errorf("%w: snapshot %d: output %q does not match its sha256", ErrTampered, id, o.command)
		}
		out[o.command] = o.text
	}
	return out, nil
}

type storedOutput struct {
	command, text, sha string
	body               []byte // compressed (Verify decompresses it later)
	err                error
}

func (s *Store) rawOutputs(ctx context.Context, id int64) ([]storedOutput, error) {
	rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT command, body, sha256 FROM outputs WHERE snapshot_id = ? ORDER BY command`), id)
	if err != nil {
		return nil, fmt.Errorf("read outputs of snapshot %d: %w", id, err)
	}
	defer rows.Close()
	var out []storedOutput
	for rows.Next() {
		var o storedOutput
		var body []byte
		if err := rows.Scan(&o.command, &body, &o.sha); err != nil {
			return nil, fmt.Errorf("read outputs of snapshot %d: %w", id, err)
		}
		o.text, o.err = decompress(body)
		out = append(out, o)
	}
	return out, rows.Err()
}
