package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sync/semaphore"

	"fwaudit/internal/facts"
	"fwaudit/internal/inventory"
	"fwaudit/internal/store"
	"fwaudit/internal/sweep"
)

func result(i int) sweep.Result {
	now := time.Now()
	return sweep.Result{Device: inventory.Device{Name: fmt.Sprintf("r%03d", i)}, Started: now, Finished: now,
		Facts:   facts.Facts{Model: "C9300-48P"},
		Outputs: map[string]string{"show version": "Cisco IOS XE Software, Version 17.09.04a\n"}}
}

// TestRecorderGroupCommits: results handed over faster than one
// transaction each are saved in fewer transactions than snapshots, every
// one of them, and the run ends finished with a chain that verifies.
func TestRecorderGroupCommits(t *testing.T) {
	ctx := context.Background()
	state := filepath.Join(t.TempDir(), "state.db")
	const n = 300
	var names []string
	for i := range n {
		names = append(names, result(i).Device.Name)
	}
	rec, err := openRecorder(ctx, History{State: state}, "test", names, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	on := rec.observe(ctx, nil)
	for i := range n {
		on(result(i))
	}
	rec.drain(ctx)
	require.Equal(t, n, rec.snapshots)
	require.Less(t, rec.batches, n, "several snapshots per transaction")
	require.Empty(t, rec.lost)
	require.NoError(t, rec.finish(ctx))

	st, err := store.Open(ctx, state, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	probs, err := st.Verify(ctx)
	require.NoError(t, err)
	require.Empty(t, probs)
	runs, err := st.Runs(ctx)
	require.NoError(t, err)
	require.Equal(t, "finished", runs[0].Status)
}

// TestRecorderDoesNotWaitPastTheDeadline: once the sweep's context has
// ended, a result that finds the queue full is given up (and counted as
// lost) instead of waiting for the disk.
func TestRecorderDoesNotWaitPastTheDeadline(t *testing.T) {
	rec := &recorder{st: &store.Store{}, log: slog.New(slog.DiscardHandler),
		queue: make(chan store.Record, 1), room: semaphore.NewWeighted(maxQueuedBytes)}
	ctx, cancel := context.WithCancel(context.Background())
	rec.enqueue(ctx, result(1)) // fits: the saver (not started here) would take it
	cancel()
	done := make(chan struct{})
	go func() { rec.enqueue(ctx, result(2)); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("enqueue waited for a full queue after the deadline")
	}
	require.Equal(t, []string{"r002"}, rec.lost)
	require.Len(t, rec.queue, 1)
}
