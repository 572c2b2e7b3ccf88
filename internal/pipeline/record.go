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

// recorder writes every sweep result into the store as its run's snapshot,
// as soon as the device is done. With no store it does nothing.
type recorder struct {
	st  *store.Store
	run store.Run
	log *slog.Logger
	mu  sync.Mutex
	err error // the first write failure
	pre map[string]*audit.Previous
	// saved are the findings as the store saved them, with their
	// lifecycle (state, first/last seen, acceptance, carried findings).
	saved map[string][]audit.Finding

	headsOut string // History.HeadsOut

	snapshots int           // saved
	storeTime time.Duration // spent saving them
}

// openRecorder opens the store (when h.State names one) and begins a run
// carrying h.Label.
func openRecorder(ctx context.Context, h History, programVersion string, log *slog.Logger) (*recorder, error) {
	if !HistoryEnabled(h.State) {
		return &recorder{pre: h.Pre, log: log}, nil
	}
	st, err := OpenStore(ctx, h, programVersion)
	if err != nil {
		return nil, err
	}
	run, err := st.BeginRun(ctx, h.Label, time.Now())
	if err != nil {
		_ = st.Close()
		return nil, fmt.Errorf("history store: %w", err)
	}
	return &recorder{st: st, run: run, log: log, pre: h.Pre, headsOut: h.HeadsOut}, nil
}

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

// observe returns an OnResult that saves each result, then calls next.
func (h *recorder) observe(ctx context.Context, next func(sweep.Result)) func(sweep.Result) {
	return func(r sweep.Result) {
		h.save(ctx, r)
		if next != nil {
			next(r)
		}
	}
}

func (h *recorder) save(ctx context.Context, r sweep.Result) {
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
	// Finish this device's transaction even when the sweep is being cancelled.
	t0 := time.Now()
	snap, err := h.st.Save(context.WithoutCancel(ctx), h.run, rec)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.storeTime += time.Since(t0)
	if err != nil {
		if h.err == nil {
			h.err = err
		}
		h.log.Error("snapshot not saved", "device", r.Device.Name, "err", err)
		return
	}
	if h.saved == nil {
		h.saved = map[string][]audit.Finding{}
	}
	h.saved[r.Device.Name] = snap.Findings
	h.snapshots++
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
	h.log.Info("history saved", "snapshots", h.snapshots,
		"store_ms", float64(h.storeTime.Microseconds())/1000)
	err := h.st.FinishRun(context.WithoutCancel(ctx), h.run.ID, time.Now(), ctx.Err() != nil)
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
// store, the one this run just wrote included (marked current). A read
// failure is logged: the report is still worth writing.
func (h *recorder) fillTimelines(ctx context.Context, run *report.Run) {
	if h.st == nil {
		return
	}
	ctx = context.WithoutCancel(ctx) // an interrupted sweep still gets its report
	for i := range run.Devices {
		d := &run.Devices[i]
		snaps, err := h.st.History(ctx, d.Name, timelinePoints)
		if err != nil {
			h.log.Error("history not read for the report", "device", d.Name, "err", err)
			continue
		}
		d.History = d.History[:0]
		for _, sn := range snaps {
			p := report.NewHistoryPoint(sn.TakenAt, sn.Facts, sn.Findings, sn.Status == store.StatusError)
			p.Current = sn.RunID == h.run.ID
			d.History = append(d.History, p)
		}
	}
}

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
