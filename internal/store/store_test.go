package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
	"fwaudit/internal/store"
)

func openTemp(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := store.Open(context.Background(), path, store.Options{ProgramVersion: "test"})
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

func record(device, rommon string, at time.Time) store.Record {
	return store.Record{
		Device: device, TakenAt: at, Started: at, Finished: at.Add(time.Second),
		Facts: facts.Facts{Model: "C9300-48P", ROMMON: []facts.Component{{Name: "R0", Version: rommon, Source: facts.SourceCLI}},
			UptimeSeconds: 3600, HostKeySHA256: "SHA256:abc"},
		Findings: []audit.Finding{{Rule: audit.ROM001, Severity: audit.High}},
		Outputs:  map[string]string{"show version": "Cisco IOS XE Software, Version 17.09.04a\n", "show rom-monitor r0": "17.9.1r\n"},
	}
}

func TestSaveAndReadBack(t *testing.T) {
	forEachBackend(t, testSaveAndReadBack)
}

func testSaveAndReadBack(t *testing.T, _ backend, loc string) {
	ctx := context.Background()
	s := openAt(t, loc)
	t0 := time.Date(2026, 11, 20, 2, 15, 0, 0, time.UTC)
	run, err := s.BeginRun(ctx, "CHG-1", t0)
	require.NoError(t, err)

	prev, err := s.Previous(ctx, "lon-wan-02")
	require.NoError(t, err)
	require.Nil(t, prev, "a device never seen has no previous snapshot")

	a, err := s.Save(ctx, run, record("lon-wan-02", "17.9.1r", t0))
	require.NoError(t, err)
	b, err := s.Save(ctx, run, record("lon-wan-02", "17.6.1r", t0.Add(time.Hour)))
	require.NoError(t, err)
	require.Equal(t, a.ID, b.Parent)
	require.NotEqual(t, a.Chain, b.Chain)
	require.NoError(t, s.FinishRun(ctx, run.ID, t0.Add(2*time.Hour), false))

	prev, err = s.Previous(ctx, "lon-wan-02")
	require.NoError(t, err)
	require.Equal(t, b.ID, prev.SnapshotID)
	require.Equal(t, "17.6.1r", prev.Facts.ROMMON[0].Version)
	require.True(t, prev.TakenAt.Equal(t0.Add(time.Hour)))

	hist, err := s.History(ctx, "lon-wan-02", 0)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	require.Equal(t, a.ID, hist[0].ID, "history is oldest first")
	require.Equal(t, "CHG-1", hist[0].Label)
	require.Equal(t, []audit.Finding{{Rule: audit.ROM001, Severity: audit.High, State: audit.StateNew,
		FirstSeen: t0, LastSeen: t0}}, hist[0].Findings, "saved with its lifecycle: new on first report")
	require.Equal(t, audit.StateOpen, hist[1].Findings[0].State, "reported again: open")
	require.True(t, hist[1].Findings[0].FirstSeen.Equal(t0), "first_seen is kept")

	outs, err := s.Outputs(ctx, a.ID)
	require.NoError(t, err)
	require.Equal(t, record("x", "", t0).Outputs, outs)

	lab, err := s.Labelled(ctx, "CHG-1")
	require.NoError(t, err)
	require.Len(t, lab, 1)
	require.Equal(t, b.ID, lab[0].ID, "the newest labelled snapshot per device")
	_, err = s.Labelled(ctx, "nope")
	require.ErrorIs(t, err, store.ErrNotFound)

	runs, err := s.Runs(ctx)
	require.NoError(t, err)
	require.Equal(t, "finished", runs[0].Status)

	probs, err := s.Verify(ctx)
	require.NoError(t, err)
	require.Empty(t, probs)
}

// TestPreviousSkipsErrors: a device that could not be audited keeps its
// last good snapshot as the reference for the history rules.
func TestPreviousSkipsErrors(t *testing.T) {
	forEachBackend(t, testPreviousSkipsErrors)
}

func testPreviousSkipsErrors(t *testing.T, _ backend, loc string) {
	ctx := context.Background()
	s, run := openWithRun(t, loc, time.Now())
	good, err := s.Save(ctx, run, record("r1", "17.9.1r", time.Now()))
	require.NoError(t, err)
	bad := record("r1", "", time.Now())
	bad.Err, bad.Facts = "device r1: connection refused", facts.Facts{}
	_, err = s.Save(ctx, run, bad)
	require.NoError(t, err)
	prev, err := s.Previous(ctx, "r1")
	require.NoError(t, err)
	require.Equal(t, good.ID, prev.SnapshotID)
}

func TestLockedWhileAnotherRunHoldsIt(t *testing.T) {
	ctx := context.Background()
	_, path := openTemp(t)
	_, err := store.Open(ctx, path, store.Options{})
	require.ErrorIs(t, err, store.ErrLocked)
	require.Contains(t, err.Error(), "--lock-wait")

	// A reader does not need the lock.
	r, err := store.Open(ctx, path, store.Options{ReadOnly: true})
	require.NoError(t, err)
	require.NoError(t, r.Close())
}

func TestLockWaitsForRelease(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	first, err := store.Open(ctx, path, store.Options{})
	require.NoError(t, err)
	go func() {
		time.Sleep(200 * time.Millisecond)
		_ = first.Close()
	}()
	second, err := store.Open(ctx, path, store.Options{LockWait: 10 * time.Second})
	require.NoError(t, err)
	require.NoError(t, second.Close())
}

// TestInterruptedRunIsMarked: a run never finished (the process died) is
// marked interrupted by the next writer; its saved snapshots are whole.
func TestInterruptedRunIsMarked(t *testing.T) {
	forEachBackend(t, testInterruptedRunIsMarked)
}

func testInterruptedRunIsMarked(t *testing.T, _ backend, path string) {
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.Options{})
	require.NoError(t, err)
	run, err := s.BeginRun(ctx, "", time.Now())
	require.NoError(t, err)
	_, err = s.Save(ctx, run, record("r1", "17.9.1r", time.Now()))
	require.NoError(t, err)
	require.NoError(t, s.Close()) // no FinishRun

	s, err = store.Open(ctx, path, store.Options{})
	require.NoError(t, err)
	defer s.Close()
	runs, err := s.Runs(ctx)
	require.NoError(t, err)
	require.Equal(t, "interrupted", runs[0].Status)
	probs, err := s.Verify(ctx)
	require.NoError(t, err)
	require.Empty(t, probs)
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/var/tmp/xdg")
	p, err := store.DefaultPath()
	require.NoError(t, err)
	require.Equal(t, "/var/tmp/xdg/fwaudit/state.db", p)
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", "/home/op")
	p, err = store.DefaultPath()
	require.NoError(t, err)
	require.Equal(t, "/home/op/.local/state/fwaudit/state.db", p)
}
