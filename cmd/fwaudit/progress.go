package main

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/jedib0t/go-pretty/v6/progress"
	"golang.org/x/term"

	"fwaudit/internal/sweep"
)

// sweepProgress shows a go-pretty bar on stderr, and only when stderr is a
// terminal: cron output stays clean.
type sweepProgress struct {
	once    sync.Once
	pw      progress.Writer
	tracker *progress.Tracker
}

// progressOn returns the pipeline's Progress hook for stderr.
func progressOn(stderr io.Writer) func(total int) (func(sweep.Result), func()) {
	return func(total int) (func(sweep.Result), func()) {
		p := newProgress(stderr, total)
		return p.done, p.stop
	}
}

func newProgress(stderr io.Writer, total int) *sweepProgress {
	p := &sweepProgress{}
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || total < 2 {
		return p
	}
	p.pw = progress.NewWriter()
	p.pw.SetOutputWriter(stderr)
	p.pw.SetUpdateFrequency(100 * time.Millisecond)
	p.pw.SetAutoStop(false)
	p.tracker = &progress.Tracker{Message: "auditing devices", Total: int64(total), Units: progress.UnitsDefault}
	p.pw.AppendTracker(p.tracker)
	go p.pw.Render()
	return p
}

func (p *sweepProgress) done(sweep.Result) {
	if p.tracker != nil {
		p.tracker.Increment(1)
	}
}

func (p *sweepProgress) stop() {
	if p.pw == nil {
		return
	}
	p.once.Do(func() {
		p.tracker.MarkAsDone()
		time.Sleep(150 * time.Millisecond) // let the last frame render
		p.pw.Stop()
	})
}
