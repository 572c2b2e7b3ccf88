package sweep

import (
	"context"
	"errors"
	"fmt"

	"fwaudit/internal/audit"
	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
)

// auditOne collects, parses and evaluates one device. Every failure ends up
// in Result.Err, wrapped with the device name once, here.
func auditOne(ctx context.Context, d inventory.Device, keys *hostKeyStores, opts Options) Result {
	if d.Unusable != "" {
		return unusableResult(d, opts) // unusable.go: no connection at all
	}
	log := opts.Logger.With("device", d.Name, "platform", d.Platform)
	res := Result{Device: d, Started: opts.Now()}

	res.Err = collectAndEvaluate(ctx, d, keys, opts, &res)
	if res.Err != nil {
		res.Err = fmt.Errorf("device %s: %w", d.Name, res.Err)
	}
	res.Finished = opts.Now()
	if res.Err != nil {
		log.Error("device not audited", "err", res.Err, "duration_ms", res.Finished.Sub(res.Started).Milliseconds())
	} else {
		log.Info("device audited", "findings", len(res.Findings), "duration_ms", res.Finished.Sub(res.Started).Milliseconds())
	}
	return res
}

// collectAndEvaluate runs the collection steps in order — SSH, SNMP,
// off-box hashing — then the rules. An SSH or SNMP failure stops the later
// steps, except for the host-key refusal, which is itself the finding
// (SSH-001); an off-box (or boot-integrity) failure does not: the rules
// still run on what was collected and the failure is the device's error.
func collectAndEvaluate(ctx context.Context, d inventory.Device, keys *hostKeyStores, opts Options, res *Result) error {
	var detectedSNMP *collect.SNMPResult
	autoDetected := d.Platform == ""
	if autoDetected { // detect.go
		name, snmp, err := detectPlatform(ctx, d, keys, opts, res)
		if errors.Is(err, hostkey.ErrHostKeyChanged) {
			res.Findings = audit.Evaluate(audit.Input{Device: d.Name, Now: opts.Now(), Changes: opts.Changes,
				Facts: res.Facts, HostKeyChanged: true, HostKeyError: err.Error()})
		}
		if err != nil {
			return err
		}
		d.Platform, res.Device.Platform, detectedSNMP = name, name, snmp
	}
	p, err := platform.Lookup(d.Platform)
	if err != nil {
		return err
	}
	in := audit.Input{Device: d.Name, Platform: d.Platform, NoBootSettings: p.NoBootSettings,
		Now: opts.Now(), Changes: opts.Changes, Lookback: opts.Lookback, Advisories: opts.Advisories}
	if d.Collects(inventory.ChannelSSH) {
		if err := collectSSH(ctx, d, p, keys, opts, res); err != nil {
			if !errors.Is(err, hostkey.ErrHostKeyChanged) {
				return err
			}
			in.Facts, in.HostKeyChanged, in.HostKeyError = res.Facts, true, err.Error()
			res.Findings = audit.Evaluate(in)
			return err
		}
		in.LegacySSH = d.SSH.LegacyAlgorithms // connected with them: SSH-002
		in.MustYield = p.MustYield            // the CLI was read: what it always gives (FACT-001)
	}
	if detectedSNMP != nil {
		if err := useDetectionSNMP(res, *detectedSNMP, opts, d.Name); err != nil {
			return err
		}
	} else if d.Collects(inventory.ChannelSNMP) {
		lost, err := collectSNMP(ctx, d, opts, res)
		if err != nil {
			return err
		}
		in.SNMPLost = lost
	}
	// Off-box evidence is on top of what SSH collected: when it cannot be
	// made, the device is still evaluated on what was collected, and the
	// failure is recorded as its error (drift when the rules still find
	// something, error otherwise).
	var stepErr error
	if opts.Offbox.Enabled {
		if err := hashOffbox(ctx, d, p, keys, opts, res); err != nil {
			stepErr = err
			ctx = context.WithoutCancel(ctx) // the deadline may be what failed: still read the history
		}
	}
	in.Facts = res.Facts
	if !autoDetected {
		in.DetectedPlatform, in.DetectedFrom = contradiction(d.Platform, res)
	}
	if opts.Baselines != nil {
		in.Model, _ = opts.Baselines.Match(d.Platform, res.Facts.Model)
		in.HasBaseline = opts.Baselines.HasPlatform(d.Platform)
		in.Policy = opts.Baselines.Policy
	}
	in.KGV, in.SUDIRoots, in.SUDIRootsFrom = opts.Offbox.KGV, opts.Offbox.SUDIRoots, opts.Offbox.SUDIRootsFrom
	res.Integrity = audit.IntegrityChecks(in)
	if opts.Offbox.Enabled && opts.Offbox.Integrity && res.Integrity == nil {
		why := "the device printed no usable measurements (see its error and the stored outputs)"
		if p.Integrity == nil {
			why = "the platform has no signed boot-integrity commands"
		}
		res.Integrity = []audit.IntegrityCheck{{Text: "boot-integrity measurements not collected: " + why}}
	}
	if opts.History != nil {
		prev, err := opts.History.Previous(ctx, d.Name)
		if err != nil {
			return joinErr(stepErr, fmt.Errorf("read history: %w", err))
		}
		in.Previous = prev
	}
	res.Findings = audit.Evaluate(in)
	for _, what := range audit.NotJudged(in) {
		opts.Logger.Info("not judged on first sight", "device", d.Name, "what", what)
	}
	return stepErr
}
