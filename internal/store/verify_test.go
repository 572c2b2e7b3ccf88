package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestVerifyDetectsTampering edits the database behind the store's back
// in each way an intruder might and checks store verify reports it.
func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name    string
		sql, pg string // SQLite, PostgreSQL
		want    string
	}{
		{"facts-edited", `UPDATE snapshots SET facts = replace(facts, '17.6.1r', '17.9.1r') WHERE id = 2`,
			`UPDATE snapshots SET facts = convert_to(replace(convert_from(facts, 'UTF8'), '17.6.1r', '17.9.1r'), 'UTF8') WHERE id = 2`,
			"content digest"},
		{"findings-cleared", `UPDATE snapshots SET findings = '[]' WHERE id = 1`,
			`UPDATE snapshots SET findings = convert_to('[]', 'UTF8') WHERE id = 1`, "content digest"},
		{"output-replaced", `UPDATE outputs SET sha256 = 'x' WHERE snapshot_id = 1 AND command = 'show version'`, "",
			"does not match its sha256"},
		{"snapshot-removed", `DELETE FROM outputs WHERE snapshot_id = 2; DELETE FROM snapshots WHERE id = 2`,
			// a superuser intruder switches the foreign keys off first
			`SET session_replication_role = replica; DELETE FROM outputs WHERE snapshot_id = 2; DELETE FROM snapshots WHERE id = 2`,
			"parent is 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, b backend, loc string) {
				ctx := context.Background()
				s, run := openWithRun(t, loc, time.Now())
				t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
				for i, v := range []string{"17.9.1r", "17.6.1r", "17.9.1r"} {
					_, err := s.Save(ctx, run, record("r1", v, t0.Add(time.Duration(i)*time.Hour)))
					require.NoError(t, err)
				}
				probs, err := s.Verify(ctx)
				require.NoError(t, err)
				require.Empty(t, probs)

				stmt := tc.sql
				if b.name == "postgres" && tc.pg != "" {
					stmt = tc.pg
				}
				b.exec(t, loc, stmt)

				probs, err = s.Verify(ctx)
				require.NoError(t, err)
				require.NotEmpty(t, probs)
				require.Contains(t, probs[0].What, tc.want)
			})
		})
	}
}
