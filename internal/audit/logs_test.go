package audit_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

func logInput(evs ...facts.LogEvent) audit.Input {
	f := cleanFacts()
	f.Logs = evs
	in := input(f)
	in.Now = tNow
	in.Policy = baseline.Policy{ManagementNetworks: []netip.Prefix{netip.MustParsePrefix("10.10.0.0/16")}}
	return in
}

func login(src string) facts.LogEvent {
	return facts.LogEvent{Time: tNow.Add(-time.Hour), Kind: facts.LogLogin, Source: src, User: "admin",
		Message: "%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: " + src + "]", Origin: "show logging"}
}

func TestLOG001_FiresWhenSourceOutsideManagementNetworks(t *testing.T) {
	in := logInput(login("203.0.113.9"), login("203.0.113.9"), login("10.10.1.1"))
	fs := only(audit.Evaluate(in), audit.LOG001)
	require.Len(t, fs, 1, "one finding per address")
	require.Equal(t, "203.0.113.9", fs[0].Observed)
	require.Contains(t, fs[0].Evidence, "2 event(s)")
	require.True(t, fs[0].Escalate)
	require.Contains(t, fs[0].EscalationReason, "203.0.113.9 is outside the management networks")
	require.Equal(t, []audit.AddressAnswer{{Address: "203.0.113.9", Authorized: false}}, fs[0].Answers.Addresses)
}

func TestLOG001_QuietWhenSourcesAuthorizedOrNoPolicy(t *testing.T) {
	require.Empty(t, only(audit.Evaluate(logInput(login("10.10.1.1"), login("::ffff:10.10.2.2"))), audit.LOG001))
	in := logInput(login("203.0.113.9"))
	in.Policy = baseline.Policy{}
	require.Empty(t, only(audit.Evaluate(in), audit.LOG001), "no management networks: nothing to judge against")
}

func TestLOG001_QuietForEventsBeforeLastSnapshot(t *testing.T) {
	in := logInput(login("203.0.113.9"))
	in.Previous = &audit.Previous{SnapshotID: 1, TakenAt: tNow.Add(-time.Minute), Facts: cleanFacts()}
	require.Empty(t, only(audit.Evaluate(in), audit.LOG001))
}

func transfer(src string, at time.Time) facts.LogEvent {
	return facts.LogEvent{Time: at, Kind: facts.LogTransfer, Source: src, File: "cat9k_iosxe.bin",
		Message: "RRQ from " + src + " filename cat9k_iosxe.bin", Origin: "tftpd.log:3", Host: "tftp01"}
}

func TestLOG002_FiresWhenTransferOutsideWindow(t *testing.T) {
	in := logInput(transfer("203.0.113.9", tNow.Add(-time.Hour)))
	in.Changes = window(baseline.KindImage) // CHG-7 was a day earlier
	fs := only(audit.Evaluate(in), audit.LOG002)
	require.Len(t, fs, 1)
	require.Equal(t, "transfer cat9k_iosxe.bin", fs[0].Observed)
	require.True(t, fs[0].Escalate)
	require.Contains(t, fs[0].EscalationReason, "outside every change window")
	require.Contains(t, fs[0].EscalationReason, "203.0.113.9")
	require.Contains(t, fs[0].Evidence, "tftpd.log:3")
}

func TestLOG002_QuietWhenTransferInsideWindow(t *testing.T) {
	in := logInput(transfer("10.10.1.1", tPrev.Add(7*time.Hour)))
	in.Changes = window(baseline.KindImage)
	require.Empty(t, only(audit.Evaluate(in), audit.LOG002))
	require.Empty(t, only(audit.Evaluate(in), audit.LOG001))
}

func TestLOG002_YearlessTimesGetTheLatestPlausibleYear(t *testing.T) {
	at := time.Date(0, 11, 25, 1, 0, 0, 0, time.UTC) // RFC 3164 / IOS: no year
	in := logInput(facts.LogEvent{Time: at, Kind: facts.LogROMMONUpgrade, Message: "ROMMON upgrade"})
	in.Changes = &baseline.Changes{Changes: []baseline.Change{{ID: "CHG-9", Start: tNow.Add(-2 * time.Hour), End: tNow,
		Devices: []string{"sw1"}, Allow: []string{baseline.KindROMMON}}}}
	require.Empty(t, only(audit.Evaluate(in), audit.LOG002))
	in.Changes.Changes[0].Allow = []string{baseline.KindImage}
	fs := only(audit.Evaluate(in), audit.LOG002)
	require.Len(t, fs, 1)
	require.Contains(t, fs[0].Evidence, "2026-11-25T01:00:00Z")
}

func TestEvaluateLogsRunsOnlyLogRules(t *testing.T) {
	in := logInput(login("203.0.113.9"))
	in.Facts = facts.Facts{Logs: in.Facts.Logs} // nothing collected but the log
	fs := audit.EvaluateLogs(in)
	require.Len(t, fs, 1)
	require.Equal(t, audit.LOG001, fs[0].Rule)
}
