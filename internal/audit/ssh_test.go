package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
)

func TestSSH001_FiresWhenHostKeyChanged(t *testing.T) {
	const msg = "host key for sw1 changed (SHA256:new); credentials were not sent. If the change is expected: fwaudit hostkey accept sw1"
	in := audit.Input{Device: "sw1", Platform: "cisco_iosxe", HasBaseline: true,
		Facts: facts.Facts{HostKeySHA256: "SHA256:new"}, HostKeyChanged: true, HostKeyError: msg}
	fs := audit.Evaluate(in)
	require.Len(t, fs, 1, "no PARSE-001 or BASE-001 noise: nothing was collected on purpose")
	f := fs[0]
	require.Equal(t, audit.SSH001, f.Rule)
	require.Equal(t, audit.Critical, f.Severity)
	require.Equal(t, "SHA256:new", f.Observed)
	require.Equal(t, msg, f.Evidence)
	require.True(t, f.Escalate)
	require.Contains(t, f.EscalationReason, "possible interception or device replacement")
	require.True(t, audit.Escalated(fs))
}

func TestSSH001_QuietWhenHostKeyUnchanged(t *testing.T) {
	in := input(cleanFacts())
	in.HostKeyError = "stale text from an earlier run"
	require.Empty(t, only(audit.Evaluate(in), audit.SSH001))
}
