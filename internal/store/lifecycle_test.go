package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/store"
)

var tDay = time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)

func withFindings(r store.Record, fs ...audit.Finding) store.Record {
	r.Findings = fs
	return r
}

func rom002() audit.Finding {
	return audit.Finding{Rule: audit.ROM002, Severity: audit.Critical, Observed: "17.6.1r", Expected: "17.9.1r"}
}

func log001(src string) audit.Finding {
	return audit.Finding{Rule: audit.LOG001, Severity: audit.High, Observed: src}
}

// findingOf is the first finding of rule in fs.
func findingOf(t *testing.T, fs []audit.Finding, rule string) audit.Finding {
	t.Helper()
	for _, f := range fs {
		if f.Rule == rule {
			return f
		}
	}
	require.Failf(t, "no finding", "no %s in %v", rule, fs)
	return audit.Finding{}
}

// stateOf is the state of the first finding of rule in fs ("" when absent).
func stateOf(fs []audit.Finding, rule string) string {
	for _, f := range fs {
		if f.Rule == rule {
			return f.State
		}
	}
	return ""
}

func TestTrustedSnapshotStaysUntilAccepted(t *testing.T) {
	forEachBackend(t, testTrustedSnapshotStaysUntilAccepted)
}

func testTrustedSnapshotStaysUntilAccepted(t *testing.T, _ backend, loc string) {
	ctx := context.Background()
	s, run := openWithRun(t, loc, tDay)
	first, err := s.Save(ctx, run, record("r1", "17.9.1r", tDay))
	require.NoError(t, err)
	second, err := s.Save(ctx, run, withFindings(record("r1", "17.6.1r", tDay.Add(24*time.Hour)), rom002()))
	require.NoError(t, err)
	require.Equal(t, audit.StateNew, stateOf(second.Findings, audit.ROM002))

	prev, err := s.Previous(ctx, "r1")
	require.NoError(t, err)
	require.Equal(t, second.ID, prev.SnapshotID, "logs still count from the newest snapshot")
	require.Equal(t, first.ID, prev.Trusted[audit.ROM002].SnapshotID, "ROM-002 still compares with the first snapshot")
	require.True(t, prev.Trusted[audit.ROM002].First)
	require.Equal(t, second.ID, prev.Trusted[audit.IMG005].SnapshotID, "other rules trust the newest")

	third, err := s.Save(ctx, run, withFindings(record("r1", "17.6.1r", tDay.Add(48*time.Hour)), rom002()))
	require.NoError(t, err)
	require.Equal(t, audit.StateOpen, stateOf(third.Findings, audit.ROM002))
	require.True(t, findingOf(t, third.Findings, audit.ROM002).FirstSeen.Equal(tDay.Add(24*time.Hour)))

	acc, err := s.Accept(ctx, "r1", audit.ROM002, audit.Acceptance{By: "alice", At: tDay.Add(49 * time.Hour), Reason: "CHG-9 done"})
	require.NoError(t, err)
	require.Equal(t, third.ID, acc.SnapshotID)
	require.Equal(t, []string{"ROM-002|17.6.1r"}, acc.Keys)

	cur, err := s.Current(ctx, "r1", tDay.Add(50*time.Hour))
	require.NoError(t, err)
	require.Equal(t, audit.StateAccepted, stateOf(cur, audit.ROM002))
	require.Equal(t, "alice", findingOf(t, cur, audit.ROM002).Accepted.By)

	prev, err = s.Previous(ctx, "r1")
	require.NoError(t, err)
	require.Equal(t, third.ID, prev.Trusted[audit.ROM002].SnapshotID, "accepted for good: the new ROMMON is trusted")

	_, err = s.Accept(ctx, "r1", audit.ROM002, audit.Acceptance{By: "alice", At: tDay.Add(51 * time.Hour), Reason: "again"})
	require.ErrorIs(t, err, store.ErrNothingToAccept)

	fourth, err := s.Save(ctx, run, record("r1", "17.6.1r", tDay.Add(72*time.Hour)))
	require.NoError(t, err)
	require.Equal(t, third.ID, fourth.Parent)
	probs, err := s.Verify(ctx)
	require.NoError(t, err)
	require.Empty(t, probs, "the acceptance is a verified link of the chain")
}

func TestStickyFindingCarriedUntilAccepted(t *testing.T) {
	forEachBackend(t, testStickyFindingCarriedUntilAccepted)
}

func testStickyFindingCarriedUntilAccepted(t *testing.T, _ backend, loc string) {
	ctx := context.Background()
	s, run := openWithRun(t, loc, tDay)
	_, err := s.Save(ctx, run, withFindings(record("r1", "17.9.1r", tDay), log001("203.0.113.66")))
	require.NoError(t, err)
	next, err := s.Save(ctx, run, record("r1", "17.9.1r", tDay.Add(24*time.Hour)))
	require.NoError(t, err)
	require.Equal(t, audit.StateOpen, stateOf(next.Findings, audit.LOG001), "the log line is gone, the finding stays")

	until := tDay.Add(36 * time.Hour)
	_, err = s.Accept(ctx, "r1", audit.LOG001, audit.Acceptance{By: "bob", At: tDay.Add(25 * time.Hour),
		Reason: "pentest", Until: until, Ticket: "SEC-1"})
	require.NoError(t, err)
	held, err := s.Save(ctx, run, record("r1", "17.9.1r", tDay.Add(30*time.Hour)))
	require.NoError(t, err)
	require.Equal(t, audit.StateAccepted, stateOf(held.Findings, audit.LOG001))
	require.Equal(t, "SEC-1", findingOf(t, held.Findings, audit.LOG001).Accepted.Ticket)

	expired, err := s.Save(ctx, run, record("r1", "17.9.1r", tDay.Add(48*time.Hour)))
	require.NoError(t, err)
	require.Equal(t, audit.StateOpen, stateOf(expired.Findings, audit.LOG001), "an expired acceptance reopens")
	require.True(t, findingOf(t, expired.Findings, audit.LOG001).FirstSeen.Equal(tDay))

	_, err = s.Accept(ctx, "r1", audit.LOG001, audit.Acceptance{By: "bob", At: tDay.Add(49 * time.Hour), Reason: "known jump host"})
	require.NoError(t, err)
	gone, err := s.Save(ctx, run, record("r1", "17.9.1r", tDay.Add(72*time.Hour)))
	require.NoError(t, err)
	require.Empty(t, stateOf(gone.Findings, audit.LOG001), "accepted for good: no longer carried")
	again, err := s.Save(ctx, run, withFindings(record("r1", "17.9.1r", tDay.Add(96*time.Hour)), log001("198.51.100.9")))
	require.NoError(t, err)
	require.Equal(t, audit.StateNew, stateOf(again.Findings, audit.LOG001), "a new address is a new finding")

	accs, err := s.Acceptances(ctx, "r1")
	require.NoError(t, err)
	require.Len(t, accs, 2, "accepting never deletes: the expired acceptance stays")
	probs, err := s.Verify(ctx)
	require.NoError(t, err)
	require.Empty(t, probs)
}

func TestVerifyFindsEditedAcceptance(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend, loc string) {
		ctx := context.Background()
		s, run := openWithRun(t, loc, tDay)
		_, err := s.Save(ctx, run, withFindings(record("r1", "17.9.1r", tDay), log001("203.0.113.66")))
		require.NoError(t, err)
		_, err = s.Accept(ctx, "r1", audit.LOG001, audit.Acceptance{By: "bob", At: tDay.Add(time.Hour), Reason: "x", Until: tDay.Add(2 * time.Hour)})
		require.NoError(t, err)
		_, err = s.Save(ctx, run, record("r1", "17.9.1r", tDay.Add(3*time.Hour)))
		require.NoError(t, err)
		b.exec(t, loc, `UPDATE acceptances SET until = ''`)
		probs, err := s.Verify(ctx)
		require.NoError(t, err)
		require.NotEmpty(t, probs)
		require.Contains(t, probs[0].What, "acceptance #1: content digest")

		b.exec(t, loc, `DELETE FROM acceptances`)
		probs, err = s.Verify(ctx)
		require.NoError(t, err)
		require.NotEmpty(t, probs, "a removed acceptance breaks the next snapshot's chain link")
		require.Contains(t, probs[0].What, "chain link")
	})
}

// BenchmarkPreviousClean reads the previous snapshot of a device whose
// newest snapshot is clean, as for most of a fleet each night: the trust
// walk stops at the first row.
func BenchmarkPreviousClean(b *testing.B) {
	benchmarkPrevious(b, 30, nil)
}

func benchmarkPrevious(b *testing.B, nights int, drift func(night int) []audit.Finding) {
	for _, be := range backends {
		b.Run("backend="+be.name, func(b *testing.B) {
			ctx := context.Background()
			s, err := store.Open(ctx, be.location(b), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			run, _ := s.BeginRun(ctx, "", tDay)
			for i := range nights {
				rec := record("r1", "17.6.1r", tDay.Add(time.Duration(i)*24*time.Hour))
				if drift != nil {
					rec = withFindings(rec, drift(i)...)
				}
				if _, err := s.Save(ctx, run, rec); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			for range b.N {
				p, err := s.Previous(ctx, "r1")
				if err != nil || p == nil || p.Trusted[audit.ROM002] == nil {
					b.Fatal("no trusted snapshot for ROM-002", err)
				}
				if drift != nil && !p.Trusted[audit.ROM002].First {
					b.Fatal("the first snapshot is trusted for ROM-002")
				}
			}
		})
	}
}

// BenchmarkPreviousTrusted reads a device's previous snapshot with the
// trusted snapshot of each history rule, after a year of nightly sweeps in
// which ROM-002 stayed open: the walk goes back to the first snapshot.
func BenchmarkPreviousTrusted(b *testing.B) {
	benchmarkPrevious(b, 365, func(night int) []audit.Finding {
		if night == 0 {
			return nil
		}
		return []audit.Finding{rom002()}
	})
}

// TestAcceptanceCoversOnlyWhatWasSeen: accepting REL-001 (one identity per
// device) does not accept the device's next reload.
func TestAcceptanceCoversOnlyWhatWasSeen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, _ backend, loc string) {
		ctx := context.Background()
		s, run := openWithRun(t, loc, tDay)
		rel := audit.Finding{Rule: audit.REL001, Severity: audit.Medium, Observed: "uptime 5m"}
		_, err := s.Save(ctx, run, withFindings(record("r1", "17.9.1r", tDay), rel))
		require.NoError(t, err)
		_, err = s.Accept(ctx, "r1", audit.REL001, audit.Acceptance{By: "alice", At: tDay.Add(time.Hour), Reason: "power work"})
		require.NoError(t, err)
		quiet, err := s.Save(ctx, run, withFindings(record("r1", "17.9.1r", tDay.Add(24*time.Hour))))
		require.NoError(t, err)
		require.Empty(t, stateOf(quiet.Findings, audit.REL001))
		rel.Observed = "uptime 2m"
		next, err := s.Save(ctx, run, withFindings(record("r1", "17.9.1r", tDay.Add(48*time.Hour)), rel))
		require.NoError(t, err)
		require.Equal(t, audit.StateNew, stateOf(next.Findings, audit.REL001), "the next reload is a new finding")
		prev, err := s.Previous(ctx, "r1")
		require.NoError(t, err)
		require.NotEqual(t, next.ID, prev.Trusted[audit.REL001].SnapshotID, "and not trusted")
	})
}

// TestTrustedWalkWithAcceptances: on a device drifted for many snapshots,
// a temporary acceptance does not make a snapshot trusted (the walk goes
// back to the first), an acceptance for good of another rule leaves this
// rule's walk alone, and one for good of the rule moves its trust up.
func TestTrustedWalkWithAcceptances(t *testing.T) {
	forEachBackend(t, func(t *testing.T, _ backend, loc string) {
		ctx := context.Background()
		s, run := openWithRun(t, loc, tDay)
		first, err := s.Save(ctx, run, record("r1", "17.9.1r", tDay))
		require.NoError(t, err)
		img005 := audit.Finding{Rule: audit.IMG005, Severity: audit.High, Observed: "flash:new.bin"}
		at := func(day int) time.Time { return tDay.Add(time.Duration(day) * 24 * time.Hour) }
		var last store.Snapshot
		for day := 1; day <= 6; day++ {
			last, err = s.Save(ctx, run, withFindings(record("r1", "17.6.1r", at(day)), rom002(), img005))
			require.NoError(t, err)
		}
		_, err = s.Accept(ctx, "r1", audit.ROM002, audit.Acceptance{By: "bob", At: at(6).Add(time.Hour), Reason: "until the window", Until: at(30)})
		require.NoError(t, err)
		_, err = s.Accept(ctx, "r1", audit.IMG005, audit.Acceptance{By: "bob", At: at(6).Add(time.Hour), Reason: "CHG-7"})
		require.NoError(t, err)
		prev, err := s.Previous(ctx, "r1")
		require.NoError(t, err)
		require.Equal(t, first.ID, prev.Trusted[audit.ROM002].SnapshotID, "a temporary acceptance does not make ROM-002 trusted")
		require.Equal(t, last.ID, prev.Trusted[audit.IMG005].SnapshotID, "IMG-005 accepted for good: the newest is trusted for it")
		require.Equal(t, last.ID, prev.Trusted[audit.BOOT003].SnapshotID, "no BOOT-003 finding: the newest")

		_, err = s.Accept(ctx, "r1", audit.ROM002, audit.Acceptance{By: "bob", At: at(6).Add(2 * time.Hour), Reason: "CHG-8 for good"})
		require.NoError(t, err)
		prev, err = s.Previous(ctx, "r1")
		require.NoError(t, err)
		require.Equal(t, last.ID, prev.Trusted[audit.ROM002].SnapshotID, "accepted for good: trusted")
	})
}
