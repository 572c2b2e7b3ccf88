package sweep

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
)

// SNMPOptions tune the SNMP channel. Zero values take the collector's
// defaults (3s per request, 1 retry, max-repetitions 25, 10 000 varbinds).
type SNMPOptions struct {
	Timeout        time.Duration
	Retries        int // 0 → 1, negative → none
	MaxRepetitions uint32
	MaxVarbinds    int
	// DebugLogger receives gosnmp's protocol log (--debug-protocol).
	DebugLogger *slog.Logger
}

// collectSNMP reads the device over SNMP and merges what it learns into
// res.Facts: components with source snmp beside the CLI's, and facts.SNMP.
// When SSH was collected too, an SNMP failure loses the cross-checks: lost
// says why, for SNMP-001 (the device may have switched the channel off); a
// device audited over SNMP alone fails with it.
func collectSNMP(ctx context.Context, d inventory.Device, opts Options, res *Result) (lost string, err error) {
	log := opts.Logger.With("device", d.Name, "channel", "snmp")
	if d.SNMP == nil {
		log.Warn("device collects snmp but has no snmp settings; ROM-003 cross-check skipped")
		return "", nil
	}
	out, err := collect.CollectSNMP(ctx, snmpTarget(d, opts.SNMP), log)
	if err != nil {
		if d.Collects(inventory.ChannelSSH) && ctx.Err() == nil {
			log.Warn("SNMP collection failed; ROM-003 and REL-002 cross-checks skipped (SNMP-001)", "err", err)
			return err.Error(), nil
		}
		return "", fmt.Errorf("snmp: %w", err)
	}
	if len(out.Components) == 0 && len(res.Facts.ROMMON) > 0 {
		log.Warn("SNMP gave no entPhysicalFirmwareRev for the chassis / RP / supervisor; ROM-003 cross-check not made",
			"entities", len(out.SNMP.Entities))
	}
	mergeSNMP(&res.Facts, out)
	if opts.NoRawOutputs {
		return "", nil
	}
	return "", keepVarbinds(res, out, opts.budget)
}

// keepVarbinds files the raw SNMP answers with the CLI outputs (as
// collect.SNMPOutputName): evidence the store chains like any output. The
// text is charged to the device's memory budget like a CLI output, so a
// sweep of padded SNMP tables cannot outgrow --max-sweep-bytes.
func keepVarbinds(res *Result, out collect.SNMPResult, budget *collect.Budget) error {
	if len(out.Varbinds) == 0 {
		return nil
	}
	text := out.WalkText()
	if err := budget.Reserve(int64(len(text))); err != nil {
		return fmt.Errorf("snmp: keep the walk as evidence: %w", err)
	}
	if res.Outputs == nil {
		res.Outputs = platform.Outputs{}
	}
	res.Outputs[collect.SNMPOutputName] = text
	return nil
}

// mergeSNMP adds what SNMP said to facts the CLI may already have filled.
// CLI values are kept; SNMP fills what the CLI did not give (SNMP-only
// devices: model, serial, configuration register).
func mergeSNMP(f *facts.Facts, out collect.SNMPResult) {
	s := out.SNMP
	f.SNMP = &s
	f.ROMMON = append(f.ROMMON, out.Components...)
	if f.Model == "" {
		f.Model = out.Model
	}
	if f.Serial == "" {
		f.Serial = out.Serial
	}
	if f.Hostname == "" {
		f.Hostname = s.SysName
	}
	if f.Boot.ConfigRegister == "" && f.Boot.ConfigRegisterNext == "" && s.ConfigRegister != "" {
		f.Boot.ConfigRegister = s.ConfigRegister
		if s.ConfigRegNext != s.ConfigRegister {
			f.Boot.ConfigRegisterNext = s.ConfigRegNext
		}
	}
}

func snmpTarget(d inventory.Device, o SNMPOptions) collect.SNMPTarget {
	s := d.SNMP
	return collect.SNMPTarget{
		Address: d.Address, Port: s.Port, Version: s.Version, Community: s.Community.Reveal(),
		User: s.User, SecurityLevel: s.SecurityLevel,
		AuthProtocol: s.AuthProtocol, AuthPassword: s.AuthPassword.Reveal(),
		PrivProtocol: s.PrivProtocol, PrivPassword: s.PrivPassword.Reveal(),
		Timeout: o.Timeout, Retries: o.Retries, MaxRepetitions: o.MaxRepetitions, MaxVarbinds: o.MaxVarbinds,
		DebugLogger: o.DebugLogger,
	}
}

// MergeSavedSNMP merges the SNMP answers a snapshot saved (the
// collect.SNMPOutputName output) into f as collectSNMP merged them live,
// so an offline audit of the snapshot cross-checks the channels too.
func MergeSavedSNMP(text string, f *facts.Facts) error {
	out, err := collect.ParseWalkText(text)
	if err != nil {
		return fmt.Errorf("saved snmp answers: %w", err)
	}
	mergeSNMP(f, out)
	return nil
}

// SNMPOutputName is the raw-output name of the saved SNMP answers.
const SNMPOutputName = collect.SNMPOutputName
