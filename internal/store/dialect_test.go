package store

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRebind(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"none", `SELECT 1`, `SELECT 1`},
		{"three", `UPDATE runs SET a = ?, b = ? WHERE id = ?`, `UPDATE runs SET a = $1, b = $2 WHERE id = $3`},
		{"quoted-left-alone", `SELECT '?' || "a?b" FROM t WHERE x = ?`, `SELECT '?' || "a?b" FROM t WHERE x = $1`},
		{"escaped-quote", `SELECT 'it''s ?' WHERE x = ?`, `SELECT 'it''s ?' WHERE x = $1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, dialectPostgres.q(tc.in))
			require.Equal(t, tc.in, dialectSQLite.q(tc.in), "sqlite keeps ?")
		})
	}
}

// TestMigrationsMatch: both dialects define the same schema versions, so
// SchemaVersion means the same thing on either backend.
func TestMigrationsMatch(t *testing.T) {
	versions := func(d dialect) []int {
		ms, err := migrations(d)
		require.NoError(t, err)
		var vs []int
		for _, m := range ms {
			vs = append(vs, m.version)
		}
		return vs
	}
	require.NotEmpty(t, versions(dialectSQLite))
	require.Equal(t, versions(dialectSQLite), versions(dialectPostgres))
}
