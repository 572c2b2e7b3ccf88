package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPreparedDBBounded: the hot read queries are prepared once and
// reused; past maxPrepared distinct texts a query runs unprepared and
// still answers.
func TestPreparedDBBounded(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "state.db"), Options{ProgramVersion: "test"})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	for i := range maxPrepared + 6 {
		var got int
		require.NoError(t, s.reads.QueryRowContext(ctx, fmt.Sprintf("SELECT %d", i)).Scan(&got))
		require.Equal(t, i, got)
	}
	require.Len(t, s.reads.stmts, maxPrepared)
	first := s.reads.stmts["SELECT 0"]
	require.NotNil(t, first)
	require.Same(t, first, s.reads.stmt(ctx, "SELECT 0"), "a prepared query is reused")
	s.reads.close()
	require.Empty(t, s.reads.stmts)
}
