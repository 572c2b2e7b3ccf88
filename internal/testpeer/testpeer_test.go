package testpeer

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDisallowed(t *testing.T) {
	t.Setenv("CI", "")
	t.Setenv("FWAUDIT_TEST_DISALLOW_SKIP", "")
	require.False(t, Disallowed())
	t.Setenv("CI", "true")
	require.True(t, Disallowed())
	t.Setenv("CI", "")
	t.Setenv("FWAUDIT_TEST_DISALLOW_SKIP", "1")
	require.True(t, Disallowed())
}

func TestRequireFindsShell(t *testing.T) {
	require.NotEmpty(t, Require(t, "apt-get install -y dash", "no-such-program-fwaudit", "sh"))
}
