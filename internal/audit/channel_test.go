package audit_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
)

func TestSNMP001_FiresWhenTheConfiguredChannelFailed(t *testing.T) {
	in := input(cleanFacts())
	in.SNMPLost = "snmp: walk entPhysicalTable: more than 10000 varbinds"
	fs := audit.Evaluate(in)
	got := only(fs, audit.SNMP001)
	require.Len(t, got, 1)
	require.Equal(t, audit.Medium, got[0].Severity)
	require.Contains(t, got[0].Evidence, "more than 10000 varbinds")
	require.Contains(t, got[0].Evidence, audit.ROM003)
}

func TestSNMP001_Quiet(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(input(cleanFacts())), audit.SNMP001), "SNMP answered or not configured")
	in := input(cleanFacts())
	in.SNMPLost, in.HostKeyChanged = "timeout", true
	require.Empty(t, only(audit.Evaluate(in), audit.SNMP001), "SSH-001 explains the rest")
}
