package sweep

import (
	"context"
	"log/slog"
	"time"

	"golang.org/x/sync/errgroup"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
)

// Options configure a sweep. Zero values take the defaults noted.
type Options struct {
	Workers        int           // concurrent devices; 0 → 32
	DeviceTimeout  time.Duration // whole-device deadline; 0 → 2m
	CommandTimeout time.Duration // one command; 0 → 30s
	ConnectTimeout time.Duration // TCP connect; 0 → 10s
	AuthTimeout    time.Duration // SSH handshake + login + shell; 0 → ConnectTimeout
	Retries        int           // extra attempts when TCP connect fails; 0 → 2, negative → none
	RetryBackoff   time.Duration // first retry's backoff (doubles, jittered); 0 → 500ms
	MaxOutputBytes int64         // per command; 0 → 8 MiB
	// MaxDeviceBytes caps the bytes one device's SSH sessions may hold
	// (0 → 32 MiB); MaxSweepBytes caps all devices' together (0 → 512 MiB).
	// Each device reserves from both as its outputs arrive and the sweep
	// releases its share once its raw outputs are dropped (DropOutputs); a
	// device over either budget fails with collect.ErrBudgetExceeded, the
	// sweep goes on.
	MaxDeviceBytes int64
	MaxSweepBytes  int64
	Baselines      *baseline.Set
	// Advisories is the offline known-exploited advisory feed ADV-001
	// reads; nil → ADV-001 is quiet.
	Advisories *baseline.Advisories
	// Deep also runs the platforms' deep-mode steps (platform.Step: the
	// ASA text-segment hash, pattern hunt, checkheaps twice DeepInterval
	// apart), which cost device CPU; the device deadline grows by
	// DeepInterval. DeepInterval 0 → collect.DefaultDeepInterval.
	Deep         bool
	DeepInterval time.Duration
	Changes      *baseline.Changes // change windows; nil → none
	History      History           // previous snapshots; nil → no history rules
	Lookback     time.Duration     // how far back first-sight judgments reach; 0 → audit.DefaultLookback
	Offbox       OffboxOptions
	SNMP         SNMPOptions // snmp.go
	Logger       *slog.Logger
	// OnResult, when set, is called once per device as soon as it is done
	// (from worker goroutines, serialized by the sweep). Progress bars and
	// streaming writers hang off it.
	OnResult func(Result)
	// DropOutputs clears Result.Outputs (the raw command outputs) in the
	// slice Run returns, once OnResult has seen them, so a large sweep
	// keeps memory proportional to the workers. Off by default: callers
	// that read Outputs after Run (not only in OnResult) keep working.
	DropOutputs bool
	// NoRawOutputs: nothing will store or read the raw outputs past
	// parsing (--state none), so the SNMP answers are not rendered as
	// snmpwalk text (Result.Outputs has the CLI outputs only).
	NoRawOutputs bool
	Now          func() time.Time

	budget *collect.Budget // this device's, set per device by Run
}

// Result is one device's outcome. A device failure is data, not an abort.
type Result struct {
	Device   inventory.Device
	Facts    facts.Facts
	Outputs  platform.Outputs
	Findings []audit.Finding
	// Integrity is what the boot-integrity rules checked and did not
	// (audit.IntegrityChecks); nil when none were collected or asked for.
	Integrity []audit.IntegrityCheck
	Err       error
	Started   time.Time
	Finished  time.Time
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = 32
	}
	if o.DeviceTimeout <= 0 {
		o.DeviceTimeout = 2 * time.Minute
	}
	if o.CommandTimeout <= 0 {
		o.CommandTimeout = 30 * time.Second
	}
	if o.Deep && o.DeepInterval <= 0 {
		o.DeepInterval = collect.DefaultDeepInterval
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 10 * time.Second
	}
	if o.Retries == 0 {
		o.Retries = defaultRetries
	}
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = defaultRetryBackoff
	}
	if o.MaxOutputBytes <= 0 {
		o.MaxOutputBytes = 8 << 20
	}
	if o.MaxDeviceBytes <= 0 {
		o.MaxDeviceBytes = 32 << 20
	}
	if o.MaxSweepBytes <= 0 {
		o.MaxSweepBytes = 512 << 20
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Run audits every device with a bounded worker pool and per-device
// deadlines. Results come back in the order of devices. Only ctx stops the
// sweep early; devices not started by then get ctx's error as their result.
func Run(ctx context.Context, devices []inventory.Device, opts Options) []Result {
	opts.defaults()
	keys := newHostKeyStores(opts.Logger)
	results := make([]Result, len(devices))
	sweepBudget := collect.NewBudget("sweep", opts.MaxSweepBytes, nil)
	budgets := make([]*collect.Budget, len(devices))
	done := make(chan int)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for i := range done {
			if opts.OnResult != nil {
				opts.OnResult(results[i])
			}
			if opts.DropOutputs {
				results[i].Outputs = nil
				budgets[i].ReleaseAll() // its outputs are gone
			}
		}
	}()
	var g errgroup.Group
	g.SetLimit(opts.Workers)
	for i, d := range devices {
		g.Go(func() error {
			dctx, cancel := context.WithTimeout(ctx, deviceTimeout(d, opts))
			defer cancel()
			dopts := opts
			dopts.budget = collect.NewBudget("device", opts.MaxDeviceBytes, sweepBudget)
			budgets[i] = dopts.budget
			results[i] = auditOrSkip(ctx, dctx, d, keys, dopts)
			done <- i
			return nil
		})
	}
	_ = g.Wait()
	close(done)
	<-finished
	return results
}

func deviceTimeout(d inventory.Device, opts Options) time.Duration {
	t := opts.DeviceTimeout
	if d.Timeout > 0 {
		t = d.Timeout
	}
	if opts.Deep {
		t += opts.DeepInterval // the wait between the checkheaps samples
	}
	return t
}
