package sweep

import (
	"context"

	"fwaudit/internal/collect"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
)

// collectSSH logs in, runs the platform's commands and parses them into
// res.Facts. On a refused host key res.Facts still gets the key's fingerprint.
func collectSSH(ctx context.Context, d inventory.Device, p platform.Platform, keys *hostKeyStores, opts Options, res *Result) error {
	store, err := keys.get(d.SSH.KnownHosts, hostkey.Policy(d.SSH.HostKeyPolicy))
	if err != nil {
		return err
	}
	target := collect.Target{
		Name: d.Name, Address: d.Address, Port: d.Port,
		Username: d.Credentials.Username, Password: d.Credentials.Password.Reveal(),
		EnableSecret: d.Credentials.EnableSecret.Reveal(), KeyFile: d.Credentials.KeyFile,
		Platform: p, HostKeys: store,
		MaxOutputBytes: opts.MaxOutputBytes, Budget: opts.budget,
		ConnectTimeout: opts.ConnectTimeout, CommandTimeout: opts.CommandTimeout,
		AuthTimeout: opts.AuthTimeout, LegacyAlgorithms: d.SSH.LegacyAlgorithms,
		Transport: d.SSH.Transport, SSHConfig: d.SSH.Config,
		Deep: opts.Deep, DeepInterval: opts.DeepInterval,
	}
	if target.Jump, err = jumpHops(d, keys); err != nil { // jump.go
		return err
	}
	var out collect.SSHResult
	log := opts.Logger.With("device", d.Name)
	err = retryConnect(ctx, opts.Retries, opts.RetryBackoff, log, func() error {
		out, err = collect.CollectSSH(ctx, target, log)
		return err
	})
	res.Outputs = out.Outputs
	res.Facts.HostKeySHA256 = out.HostKeySHA256
	if err != nil {
		return err
	}
	if u, ok := platform.DetectUnassessed(out.Outputs[platform.ASAShowVersion]); ok && p.Name == platform.CiscoASA.Name {
		return unassessedErr(u) // an FTD's diagnostic CLI answers like an ASA
	}
	f, perr := p.Parse(out.Outputs)
	f.HostKeySHA256 = out.HostKeySHA256
	res.Facts = f
	if perr != nil {
		opts.Logger.Warn("some outputs could not be parsed", "device", d.Name, "err", perr)
	}
	return nil
}
