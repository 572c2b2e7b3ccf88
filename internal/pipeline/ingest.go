package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
	"fwaudit/internal/ingest"
	"fwaudit/internal/inventory"
	"fwaudit/internal/plan"
	"fwaudit/internal/platform"
	"fwaudit/internal/report"
	"fwaudit/internal/store"
	"fwaudit/internal/sweep"
	"fwaudit/internal/textsafe"
)

// IngestOptions configure an offline audit of saved outputs.
type IngestOptions struct {
	References
	// UseInventory looks each saved device up in References.Inventory for
	// its platform, address, site and role.
	UseInventory bool
	Dir          string              // what ingest.Load reads
	Platform     string              // platform of devices neither the inventory nor detection names
	Offbox       sweep.OffboxOptions // KGV and SUDI roots check saved measurements too
	Plan         plan.Options
	Logger       *slog.Logger
}

var errNoPlatform = errors.New("platform unknown: not in the inventory, no --platform, not detected from show version")

// Ingest audits saved command outputs with the same rules, plans and
// reports as a live sweep, with no device access.
func Ingest(ctx context.Context, opts IngestOptions) (report.Run, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.Platform != "" {
		if _, err := platform.Lookup(opts.Platform); err != nil {
			return report.Run{}, usageErrorf("--platform: %w", err)
		}
	}
	known := map[string]inventory.Device{}
	if opts.UseInventory {
		inv, err := LoadInventory(opts.Inventory, log)
		if err != nil {
			return report.Run{}, err
		}
		for _, d := range inv.Devices {
			known[d.Name] = d
		}
	}
	saved, err := ingest.Load(opts.Dir)
	if err != nil {
		return report.Run{}, configError(err)
	}
	set, err := LoadBaselines(opts.Baselines)
	if err != nil {
		return report.Run{}, err
	}
	changes, err := LoadChanges(opts.References, "", nil)
	if err != nil {
		return report.Run{}, err
	}
	adv, err := LoadAdvisories(opts.References)
	if err != nil {
		return report.Run{}, err
	}
	run := report.Run{StartedAt: time.Now()}
	devs := make([]inventory.Device, 0, len(saved))
	for _, s := range saved {
		if ctx.Err() != nil {
			return run, fmt.Errorf("interrupted: %w", ctx.Err())
		}
		d := known[s.Name]
		run.Devices = append(run.Devices, ingestDevice(s, d, opts, references{set, changes, adv}, run.StartedAt, log))
		devs = append(devs, d)
	}
	run.FinishedAt = time.Now()
	enrich(&run, devs, set, opts.Plan)
	return run, nil
}

// references are what ingest evaluates saved outputs against, loaded once.
type references struct {
	baselines  *baseline.Set
	changes    *baseline.Changes
	advisories *baseline.Advisories
}

// ingestDevice parses one device's saved outputs and evaluates the rules,
// as the sweep does after collection.
func ingestDevice(s ingest.Device, inv inventory.Device, opts IngestOptions, refs references,
	now time.Time, log *slog.Logger) report.Device {
	set := refs.baselines
	rd := report.Device{Name: s.Name, Address: inv.Address}
	name := inv.Platform
	if name == "" {
		name = opts.Platform
	}
	if name == "" {
		name, _ = platform.Detect(s.Outputs["show version"] + s.Outputs["show version detail"])
	}
	rd.Platform = name
	if s.Evidence != nil && !s.Evidence.Manifest {
		log.Warn("evidence bundle has no SHA256SUMS: only the snapshot digest (outputs, facts, findings) was checked",
			"device", s.Name, "snapshot", s.Evidence.SnapshotID)
	}
	if s.Evidence != nil && s.Evidence.Status == store.StatusError {
		// The snapshot was itself a failed audit: its outputs are partial.
		rd.Error = fmt.Sprintf("evidence snapshot %d was not audited: %s", s.Evidence.SnapshotID, textsafe.Field(s.Evidence.Error))
		return rd
	}
	p, err := platform.Lookup(name)
	if err != nil {
		rd.Error = fmt.Sprintf("device %s: %s", s.Name, errNoPlatform)
		return rd
	}
	// As in a live sweep, outputs that did not parse leave their facts
	// empty and the rules say so (PARSE-001); the error is only logged.
	f, err := ParseOutputs(p, s.Outputs)
	if err != nil {
		log.Warn("some outputs could not be parsed", "device", s.Name, "err", err)
	}
	rd.Facts = f
	in := audit.Input{Device: s.Name, Platform: name, NoBootSettings: p.NoBootSettings, Facts: f, Now: now,
		Changes: refs.changes, Advisories: refs.advisories,
		KGV: opts.Offbox.KGV, SUDIRoots: opts.Offbox.SUDIRoots,
		SUDIRootsFrom: opts.Offbox.SUDIRootsFrom, Unrecorded: unrecorded(s, f)}
	if s.Backup == "" {
		// Outputs of the platform's commands (a folder, an evidence
		// bundle): what the platform always gives must be there (FACT-001).
		// A RANCID / Oxidized backup holds what the backup tool asked, not
		// our commands; its gaps are PARSE-001's.
		in.MustYield = p.MustYield
	}
	if set != nil {
		in.Model, _ = set.Match(name, f.Model)
		in.HasBaseline = set.HasPlatform(name)
		in.Policy = set.Policy
	}
	rd.Findings = audit.Evaluate(in)
	rd.Integrity = audit.IntegrityChecks(in)
	return rd
}

// unrecorded names the facts a config backup did not yield that its format
// may have dropped (ingest.Backup.Unkept), each with the reason.
func unrecorded(s ingest.Device, f facts.Facts) []string {
	var out []string
	add := func(fact, what string, missing bool) {
		if why, ok := s.Unkept[fact]; ok && missing {
			out = append(out, what+" ("+why+")")
		}
	}
	rom := false
	for _, c := range f.ROMMON {
		rom = rom || strings.TrimSpace(c.Version) != ""
	}
	add(ingest.FactROMMON, "ROMMON / boot loader version", !rom)
	add(ingest.FactImage, "running image", strings.TrimSpace(f.Image) == "")
	add(ingest.FactConfigRegister, "configuration register", strings.TrimSpace(f.Boot.ConfigRegister) == "")
	return out
}

// ParseOutputs runs the platform's parsers; a parser panic on hostile
// input is an error, not a crash.
func ParseOutputs(p platform.Platform, out platform.Outputs) (f facts.Facts, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = facts.Facts{}, fmt.Errorf("parser failed: %v", r)
		}
	}()
	f, err = p.Parse(out)
	if walk, ok := out[sweep.SNMPOutputName]; ok {
		// The SNMP answers the sweep stored: ROM-003 and REL-002 compare them.
		if serr := sweep.MergeSavedSNMP(walk, &f); serr != nil {
			err = errors.Join(err, serr)
		}
	}
	if p.Integrity != nil {
		// Signed boot-integrity outputs the sweep stored with the snapshot.
		if ierr := sweep.MergeIntegrity(*p.Integrity, out, &f); ierr != nil {
			err = errors.Join(err, ierr)
		}
	}
	return f, err
}
