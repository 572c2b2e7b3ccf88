package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"fwaudit/internal/audit"
	"fwaudit/internal/report"
	"fwaudit/internal/store"
	"fwaudit/internal/sweep"
)

// OpenStore opens the history store for writing (taking the lock).
func OpenStore(ctx context.Context, h History, programVersion string) (*store.Store, error) {
	if err := CheckState(h.State); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, h.State, store.Options{LockWait: h.LockWait, ProgramVersion: programVersion})
	if err != nil {
		return nil, fmt.Errorf("history store: %w", err)
	}
	return st, nil
}

// OpenStoreRead opens the history store for reading: no lock, no write,
// so a seized read-only copy can be read.
func OpenStoreRead(ctx context.Context, state string) (*store.Store, error) {
	if !HistoryEnabled(state) {
		return nil, usageErrorf("--state: no history store given")
	}
	if err := CheckState(state); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, state, store.Options{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("history store: %w", err)
	}
	return st, nil
}

// CheckState refuses a --state the store must not open: a postgres:// URL
// carrying a password. The password of a shared PostgreSQL store comes
// from the environment (FWAUDIT_STATE_PASSWORD, PGPASSWORD) or a password
// file (PGPASSFILE, ~/.pgpass), never from argv, where ps, shell history
// and CronJob specs would keep it.
func CheckState(state string) error {
	if !store.IsPostgres(state) {
		return nil
	}
	if err := store.CheckDSN(state); err != nil {
		return usageErrorf("--state: %w", err)
	}
	return nil
}

// recorder writes every sweep result into the store as its run's
// snapshot. OnResult only queues the record; one saver goroutine writes
// what has queued up as one transaction (store.SaveBatch: group commit),
// so the goroutine that serializes results never waits for the disk
// unless the queue is full. With no store it does nothing.
type recorder struct {
	st  *store.Store
	run store.Run
	log *slog.Logger
	pre map[string]*audit.Previous

	queue   chan store.Record
	room    *semaphore.Weighted // queued output bytes
	saverOK chan struct{}       // closed when the saver has returned
	abort   context.CancelFunc  // cuts the saver's transaction short
	drained bool

	mu  sync.Mutex
	err error // the first write failure
	// saved are the findings as the store saved them, with their
	// lifecycle (state, first/last seen, acceptance, carried findings).
	saved     map[string][]audit.Finding
	lost      []string      // devices whose snapshot was not saved
	snapshots int           // saved
	batches   int           // transactions
	storeTime time.Duration // spent in them

	headsOut string // History.HeadsOut
}

// Saving's bounds: a batch is what arrives within batchLinger of its first
// record, at most maxBatch snapshots (one transaction, one fsync); at most
// maxQueued snapshots and maxQueuedBytes of raw output wait for the saver.
// When the queue is full, OnResult waits (the disk sets the pace, memory
// stays bounded) until the sweep's context ends;
// after that nothing waits: a result that finds no room is not saved, and
// drain gives the saver flushGrace to finish before it abandons the batch
// in flight (rolled back, never half-written). Either way the run ends
// interrupted and the lost devices are logged.
const (
	maxBatch       = 256
	batchLinger    = 250 * time.Millisecond
	maxQueued      = 1024
	maxQueuedBytes = 128 << 20
	flushGrace     = 10 * time.Second
)

// openRecorder opens the store (when h.State names one), reports runs a
// killed process left unfinished, begins a run carrying h.Label with the
// devices it plans to audit, and starts the saver.
func openRecorder(ctx context.Context, h History, programVersion string, devices []string, log *slog.Logger) (*recorder, error) {
	if !HistoryEnabled(h.State) {
		return &recorder{pre: h.Pre, log: log}, nil
	}
	st, err := OpenStore(ctx, h, programVersion)
	if err != nil {
		return nil, err
	}
	reportCutOff(log, st.CutOff())
	run, err := st.BeginRun(ctx, h.Label, time.Now())
	if err == nil {
		err = st.PlanRun(ctx, run.ID, devices)
	}
	if err != nil {
		_ = st.Close()
		return nil, fmt.Errorf("history store: %w", err)
	}
	saveCtx, abort := context.WithCancel(context.WithoutCancel(ctx))
	h2 := &recorder{st: st, run: run, log: log, pre: h.Pre, headsOut: h.HeadsOut,
		queue: make(chan store.Record, maxQueued), room: semaphore.NewWeighted(maxQueuedBytes),
		saverOK: make(chan struct{}), abort: abort}
	go h2.saver(saveCtx)
	return h2, nil
}

// reportCutOff says what each run a previous process left unfinished lost.
func reportCutOff(log *slog.Logger, cuts []store.CutOffRun) {
	for _, c := range cuts {
		missing := c.Missing
		more := 0
		if len(missing) > 20 {
			missing, more = missing[:20], len(missing)-20
		}
		log.Warn("a previous run was cut off (killed or the machine stopped): its snapshots of these devices were never saved; it is marked interrupted",
			"run", c.RunID, "started_at", c.StartedAt.Format(time.RFC3339), "planned", c.Planned, "saved", c.Saved,
			"lost", len(c.Missing), "lost_devices", missing, "more", more)
	}
}

// stores reports whether results are saved (and their raw outputs with them).
func (h *recorder) stores() bool { return h.st != nil }

// history is what the sweep asks for previous snapshots; nil without a store.
func (h *recorder) history() sweep.History {
	if h.pre != nil {
		return preHistory(h.pre)
	}
	if h.st == nil {
		return nil
	}
	return h.st
}

// observe returns an OnResult that queues each result, then calls next.
func (h *recorder) observe(ctx context.Context, next func(sweep.Result)) func(sweep.Result) {
	return func(r sweep.Result) {
		h.enqueue(ctx, r)
		if next != nil {
			next(r)
		}
	}
}

func (h *recorder) enqueue(ctx context.Context, r sweep.Result) {
	if h.st == nil {
		return
	}
	// A device cut off by an interrupted sweep has nothing to remember.
	if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(r.Err, ctxErr) {
		return
	}
	rec := store.Record{Device: r.Device.Name, TakenAt: r.Finished, Started: r.Started, Finished: r.Finished,
		Facts: r.Facts, Findings: r.Findings, Outputs: r.Outputs}
	if r.Err != nil {
		rec.Err = r.Err.Error()
	}
	n := recordBytes(rec)
	if err := h.room.Acquire(ctx, n); err != nil {
		h.lose([]store.Record{rec}, "the sweep ended while the history queue was full")
		return
	}
	select {
	case h.queue <- rec:
	case <-ctx.Done():
		h.room.Release(n)
		h.lose([]store.Record{rec}, "the sweep ended while the history queue was full")
	}
}

// recordBytes is what a queued record weighs: its raw outputs, at most the
// whole queue (a larger one waits for an empty queue).
func recordBytes(r store.Record) int64 {
	var n int64 = 1
	for _, o := range r.Outputs {
		n += int64(len(o))
	}
	return min(n, maxQueuedBytes)
}

// saver writes what has queued up until the queue is closed: a batch
// starts with the first record and takes what arrives for batchLinger, at
// most maxBatch. Taking only what was already queued made batches of ~3
// snapshots (the saver is faster than the sweep), so nearly every device
// paid a commit and its fsync; lingering groups a quarter second of
// results into one transaction. A closed queue (the sweep is over) ends
// the wait at once, so the linger never adds to a sweep's tail.
func (h *recorder) saver(ctx context.Context) {
	defer close(h.saverOK)
	batch := make([]store.Record, 0, maxBatch)
	linger := time.NewTimer(batchLinger)
	defer linger.Stop()
	for rec := range h.queue {
		batch = append(batch[:0], rec)
		linger.Reset(batchLinger)
	more:
		for len(batch) < maxBatch {
			select {
			case r, ok := <-h.queue:
				if !ok {
					break more
				}
				batch = append(batch, r)
			case <-linger.C:
				break more
			case <-ctx.Done():
				break more
			}
		}
		h.saveBatch(ctx, batch)
		var n int64
		for _, r := range batch {
			n += recordBytes(r)
		}
		h.room.Release(n)
		clear(batch) // let the outputs go
	}
}

func (h *recorder) saveBatch(ctx context.Context, batch []store.Record) {
	t0 := time.Now()
	snaps, err := h.st.SaveBatch(ctx, h.run, batch)
	if err != nil && ctx.Err() == nil && len(batch) > 1 {
		// One bad record must not cost the others: save them one by one.
		h.log.Warn("history batch not saved; saving its snapshots one by one", "snapshots", len(batch), "err", err)
		for _, r := range batch {
			h.saveBatch(ctx, []store.Record{r})
		}
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.storeTime += time.Since(t0)
	h.batches++
	if err != nil {
		if h.err == nil && ctx.Err() == nil {
			h.err = err
		}
		for _, r := range batch {
			h.lost = append(h.lost, r.Device)
		}
		h.log.Error("snapshot not saved", "device", batch[0].Device, "snapshots", len(batch), "err", err)
		return
	}
	if h.saved == nil {
		h.saved = map[string][]audit.Finding{}
	}
	for _, sn := range snaps {
		h.saved[sn.Device] = sn.Findings
	}
	h.snapshots += len(snaps)
}

func (h *recorder) lose(recs []store.Record, why string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, r := range recs {
		h.lost = append(h.lost, r.Device)
	}
	h.log.Error("snapshot not saved", "device", recs[0].Device, "why", why)
}

// drain closes the queue and waits for the saver. Once ctx has ended
// (the sweep was interrupted or hit its deadline) it waits at most
// flushGrace, then abandons the batch in flight (rolled back).
func (h *recorder) drain(ctx context.Context) {
	if h.st == nil || h.drained {
		return
	}
	h.drained = true
	close(h.queue)
	if ctx.Err() == nil {
		select {
		case <-h.saverOK:
		case <-ctx.Done():
		}
	}
	select {
	case <-h.saverOK:
	case <-time.After(flushGrace):
		h.log.Error("history store too slow: the snapshots still queued are abandoned", "grace", flushGrace.String())
		h.abort()
		for rec := range h.queue { // what the saver had not taken yet
			h.lose([]store.Record{rec}, "abandoned after the grace period")
		}
		<-h.saverOK
	}
	h.abort()
}

// withStates replaces each result's findings with those the store saved
// (their lifecycle included); a result not saved keeps its own.
func (h *recorder) withStates(results []sweep.Result) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := range results {
		if fs, ok := h.saved[results[i].Device.Name]; ok {
			results[i].Findings = fs
		}
	}
}

// finish marks the run finished (or interrupted) and closes the store. It
// returns the first write failure: a sweep whose history was not kept did
// not complete.
func (h *recorder) finish(ctx context.Context) error {
	if h.st == nil {
		return nil
	}
	h.drain(ctx)
	h.mu.Lock()
	lost := len(h.lost)
	h.log.Info("history saved", "snapshots", h.snapshots, "batches", h.batches,
		"store_ms", float64(h.storeTime.Microseconds())/1000, "lost", lost)
	h.mu.Unlock()
	err := h.st.FinishRun(context.WithoutCancel(ctx), h.run.ID, time.Now(), ctx.Err() != nil || lost > 0)
	if h.err != nil {
		err = h.err
	}
	if err == nil && h.headsOut != "" {
		err = writeHeads(context.WithoutCancel(ctx), h.st, h.headsOut)
	}
	if cerr := h.st.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close history store: %w", cerr)
	}
	if err != nil {
		return fmt.Errorf("history store: %w", err)
	}
	return nil
}

// timelinePoints bounds each device's timeline in the html and markdown
// reports: its newest snapshots, this run's included.
const timelinePoints = 30

// fillTimelines gives each device of run its newest snapshots from the
// store, the one this run just wrote included (marked current), reading
// timelineReaders devices at a time (a 10,000-device report reads 300,000
// snapshots). A read failure is logged: the report is still worth writing.
func (h *recorder) fillTimelines(ctx context.Context, run *report.Run) {
	if h.st == nil {
		return
	}
	ctx = context.WithoutCancel(ctx) // an interrupted sweep still gets its report
	var g errgroup.Group
	g.SetLimit(timelineReaders)
	for i := range run.Devices {
		d := &run.Devices[i]
		g.Go(func() error {
			entries, err := h.st.Timeline(ctx, d.Name, timelinePoints)
			if err != nil {
				h.log.Error("history not read for the report", "device", d.Name, "err", err)
				return nil
			}
			d.History = d.History[:0]
			for _, e := range entries {
				p := report.HistoryPointCounted(e.TakenAt, e.Facts, e.AboveInfo, e.Failed)
				p.Current = e.RunID == h.run.ID
				d.History = append(d.History, p)
			}
			return nil
		})
	}
	_ = g.Wait() // each read logs its own failure
}

// timelineReaders bounds the timeline reads in flight: the SQLite reader
// pool, or a PostgreSQL server's connections, serve them side by side.
const timelineReaders = 4

// preHistory answers History with the labelled pre-change snapshots.
type preHistory map[string]*audit.Previous

func (p preHistory) Previous(_ context.Context, device string) (*audit.Previous, error) {
	return p[device], nil
}

// writeHeads writes the store's chain-head statement to path, whole or
// not at all (a temporary file renamed into place), readable by the owner
// only. Keep it away from the store: a log host, a ticket, a git repo.
func writeHeads(ctx context.Context, st *store.Store, path string) error {
	stmt, err := st.Heads(ctx)
	if err != nil {
		return fmt.Errorf("chain heads: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("chain heads: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if err := store.WriteStatement(tmp, stmt); err != nil {
		tmp.Close()
		return fmt.Errorf("chain heads: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("chain heads: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("chain heads: %w", err)
	}
	return nil
}
