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

func collectAndEvaluate(ctx context.Context, d inventory.Device, keys *hostKeyStores, opts Options, res *Result) error {
	p, err := platform.Lookup(d.Platform)
	if err != nil {
		return err
	}
	store, err := keys.get(d.SSH.KnownHosts, hostkey.Policy(d.SSH.HostKeyPolicy))
	if err != nil {
		return err
	}
	target := collect.Target{
		Name: d.Name, Address: d.Address, Port: d.Port,
		Username: d.Credentials.Username, Password: d.Credentials.Password.Reveal(),
		EnableSecret: d.Credentials.EnableSecret.Reveal(), KeyFile: d.Credentials.KeyFile,
		Platform: p, HostKeys: store,
		MaxOutputBytes: opts.MaxOutputBytes,
		ConnectTimeout: opts.ConnectTimeout, CommandTimeout: opts.CommandTimeout,
	}
	out, cerr := collect.CollectSSH(ctx, target, opts.Logger.With("device", d.Name))
	res.Outputs = out.Outputs
	in := audit.Input{Device: d.Name, Platform: d.Platform, Now: opts.Now()}
	if cerr != nil {
		if !errors.Is(cerr, hostkey.ErrHostKeyChanged) {
			return cerr
		}
		// The refusal itself is the finding: SSH-001, credentials were not sent.
		res.Facts.HostKeySHA256 = out.HostKeySHA256
		in.Facts, in.HostKeyChanged, in.HostKeyError = res.Facts, true, cerr.Error()
		res.Findings = audit.Evaluate(in)
		return cerr
	}
	f, perr := p.Parse(out.Outputs)
	f.HostKeySHA256 = out.HostKeySHA256
	res.Facts = f
	in.Facts = f
	if opts.Baselines != nil {
		in.Model, _ = opts.Baselines.Match(d.Platform, f.Model)
		in.HasBaseline = opts.Baselines.HasPlatform(d.Platform)
		in.Policy = opts.Baselines.Policy
	}
	res.Findings = audit.Evaluate(in)
	if perr != nil {
		opts.Logger.Warn("some outputs could not be parsed", "device", d.Name, "err", perr)
	}
	return nil
}
