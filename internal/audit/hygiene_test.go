package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
)

func TestSSH002_FiresWhenLegacySSHNeeded(t *testing.T) {
	in := input(cleanFacts())
	in.LegacySSH = true
	fs := only(audit.Evaluate(in), audit.SSH002)
	require.Len(t, fs, 1)
	require.Equal(t, audit.Low, fs[0].Severity)
	require.False(t, fs[0].Escalate)
	require.Contains(t, fs[0].Observed, "legacy_algorithms")
}

func TestSSH002_QuietWhenModernSSH(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(input(cleanFacts())), audit.SSH002))
}
