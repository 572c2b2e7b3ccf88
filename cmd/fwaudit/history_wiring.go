package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/inventory"
	"fwaudit/internal/report"
	"fwaudit/internal/store"
	"fwaudit/internal/sweep"
)

// stateNone disables the history store (--state none).
const stateNone = "none"

// defaultState is the --state default shown in help: the user's state
// directory. The zero globalOptions (tests) keep no history.
func defaultState() string {
	p, err := store.DefaultPath()
	if err != nil {
		return ""
	}
	return p
}

func programVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "dev"
}

// openStore opens the history store for writing (taking the lock).
func openStore(ctx context.Context, g globalOptions) (*store.Store, error) {
	if err := checkState(g.State); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, g.State, store.Options{LockWait: g.LockWait, ProgramVersion: programVersion()})
	if err != nil {
		return nil, fmt.Errorf("history store: %w", err)
	}
	return st, nil
}

// openStoreRead opens the history store for reading (no lock).
func openStoreRead(ctx context.Context, g globalOptions) (*store.Store, error) {
	if !historyEnabled(g) {
		return nil, usageErrorf("--state: no history store given")
	}
	if err := checkState(g.State); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, g.State, store.Options{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("history store: %w", err)
	}
	return st, nil
}

func historyEnabled(g globalOptions) bool { return g.State != "" && g.State != stateNone }

// recorder writes every sweep result into the store as its run's snapshot,
// as soon as the device is done. With no store it does nothing.
type recorder struct {
	st  *store.Store
	run store.Run
	log *slog.Logger
	mu  sync.Mutex
	err error // the first write failure
	pre map[string]*audit.Previous
}

// openHistory opens the store (when --state is set) and begins a run
// carrying label (snapshot --label).
func openHistory(ctx context.Context, g globalOptions, label string) (*recorder, error) {
	if !historyEnabled(g) {
		return &recorder{pre: g.pre}, nil
	}
	st, err := openStore(ctx, g)
	if err != nil {
		return nil, err
	}
	run, err := st.BeginRun(ctx, label, time.Now())
	if err != nil {
		_ = st.Close()
		return nil, fmt.Errorf("history store: %w", err)
	}
	return &recorder{st: st, run: run, log: g.logger, pre: g.pre}, nil
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
		next(r)
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
	if _, err := h.st.Save(context.WithoutCancel(ctx), h.run, rec); err != nil {
		h.mu.Lock()
		h.err = cmpErr(h.err, err)
		h.mu.Unlock()
		h.log.Error("snapshot not saved", "device", r.Device.Name, "err", err)
	}
}

func cmpErr(first, next error) error {
	if first != nil {
		return first
	}
	return next
}

// finish marks the run finished (or interrupted) and closes the store. It
// returns the first write failure: a sweep whose history was not kept did
// not complete.
func (h *recorder) finish(ctx context.Context) error {
	if h.st == nil {
		return nil
	}
	err := h.st.FinishRun(context.WithoutCancel(ctx), h.run.ID, time.Now(), ctx.Err() != nil)
	err = cmpErr(h.err, err)
	if cerr := h.st.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close history store: %w", cerr)
	}
	if err != nil {
		return fmt.Errorf("history store: %w", err)
	}
	return nil
}

// historyPoints bounds each device's timeline in the html and markdown
// reports: its newest snapshots, this run's included.
const historyPoints = 30

// fillHistory gives each device of run its newest snapshots from the
// store, the one this run just wrote included (marked current). Only the
// html and markdown reports show them; without a store it does nothing.
// A read failure is logged: the report is still worth writing.
func (h *recorder) fillHistory(ctx context.Context, run *report.Run, format string) {
	if h.st == nil || (format != "html" && format != "markdown") {
		return
	}
	ctx = context.WithoutCancel(ctx) // an interrupted sweep still gets its report
	for i := range run.Devices {
		d := &run.Devices[i]
		snaps, err := h.st.History(ctx, d.Name, historyPoints)
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

// loadChanges reads --changes FILE, else baselines/changes.yaml when it
// exists, and binds its site/role windows to the selected devices.
func loadChanges(g globalOptions, devs []inventory.Device) (*baseline.Changes, error) {
	var c *baseline.Changes
	var err error
	if g.Changes != "" {
		c, err = baseline.LoadChanges(g.Changes)
	} else {
		c, err = baseline.LoadDefaultChanges(g.Baselines)
	}
	if err != nil {
		return nil, configError(err)
	}
	if g.onlyChange != "" {
		only, ok := c.Only(g.onlyChange)
		if !ok {
			return nil, usageErrorf("--change: no change %q in %s", g.onlyChange, dash(c.File))
		}
		c = only
	}
	targets := make([]baseline.Target, len(devs))
	for i, d := range devs {
		targets[i] = baseline.Target{Name: d.Name, Site: d.Site, Role: d.Role}
	}
	return c.WithInventory(targets), nil
}

// historyOptions are the history-store flags besides --state.
type historyOptions struct {
	LockWait time.Duration
	label    string // snapshot --label: carried by the run's snapshots

	// verify-change: compare with these snapshots, against this change only.
	pre        map[string]*audit.Previous
	onlyChange string
}

func (h *historyOptions) addFlags(fs *pflag.FlagSet) {
	fs.DurationVar(&h.LockWait, "lock-wait", 0, "how long to wait while another run holds the history store (0: fail at once)")
}
