package baseline_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/baseline"
)

// TestShippedChangesExample: baselines/changes.yaml is valid and says what
// its comments say.
func TestShippedChangesExample(t *testing.T) {
	c, err := baseline.LoadChanges("../../baselines/changes.yaml")
	require.NoError(t, err)
	require.Len(t, c.Changes, 2)
	require.Equal(t, []string{"fra"}, c.Changes[1].Sites)
	require.Equal(t, []string{"access"}, c.Changes[1].Roles)
}
