package pipeline

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"fwaudit/internal/baseline"
	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
)

// LoadInventory reads the inventory file or folder.
func LoadInventory(path string, log *slog.Logger) (*inventory.Inventory, error) {
	inv, err := inventory.Load(path, inventory.LoadOptions{KnownPlatforms: platform.Names(), Logger: log})
	if err != nil {
		return nil, configError(err)
	}
	return inv, nil
}

// Select applies the selection to inv. Names select exactly those devices
// (a name may be a glob); a name that matches nothing is an error, as is
// combining names with --device, --filter or --shard. Without names,
// --device, --filter and --shard select from the whole inventory.
func Select(inv *inventory.Inventory, s Selection) ([]inventory.Device, *Related, error) {
	if len(s.Names) > 0 {
		switch {
		case len(s.Globs) > 0:
			return nil, nil, usageErrorf("device names and --device select differently: give one or the other")
		case s.Filter != "":
			return nil, nil, usageErrorf("device names and --filter select differently: give one or the other")
		case s.Shard != "":
			return nil, nil, usageErrorf("device names and --shard select differently: give one or the other")
		}
		devs, err := inv.Select(s.Names, inventory.Filter{})
		if err != nil {
			return nil, nil, usageErrorf("%w", err)
		}
		if !s.Related {
			return devs, nil, nil
		}
		return withRelated(inv, devs, s.RelatedMax)
	}
	if s.Related {
		return nil, nil, usageErrorf("--related: name the devices it relates to")
	}
	f, err := inventory.ParseFilter(s.Filter)
	if err != nil {
		return nil, nil, usageErrorf("--filter: %w", err)
	}
	devs, err := inv.Select(s.Globs, f)
	if err != nil {
		return nil, nil, usageErrorf("%w", err)
	}
	shard, err := inventory.ParseShard(s.Shard)
	if err != nil {
		return nil, nil, usageErrorf("--shard: %w", err)
	}
	return shard.Select(devs), nil, nil
}

// LoadBaselines reads the baseline folder. A missing folder is a
// configuration error: auditing without baselines would report nothing. A
// `platform:` that is not one of platform.Names() is one too.
func LoadBaselines(dir string) (*baseline.Set, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, configError(fmt.Errorf("baselines: %w", err))
	}
	set, err := baseline.Load(filepath.Clean(dir), baseline.LoadOptions{KnownPlatforms: platform.Names()})
	if err != nil {
		return nil, configError(err)
	}
	return set, nil
}

// LoadAdvisories reads the advisory feed (refs.Advisories, else the
// advisories/ folder of the baselines; a missing default folder is an empty
// feed). Platforms it may name are the registered ones and the detected
// but unassessed ones (platform.AdvisoryOnly: the ED 25-03 feed lists FTD).
func LoadAdvisories(refs References) (*baseline.Advisories, error) {
	dir := refs.Advisories
	switch dir {
	case "none":
		return nil, nil
	case "":
		dir = filepath.Join(refs.Baselines, "advisories")
	default:
		if _, err := os.Stat(dir); err != nil {
			return nil, configError(fmt.Errorf("advisories: %w", err))
		}
	}
	known := append(platform.Names(), platform.AdvisoryOnly()...)
	a, err := baseline.LoadAdvisories(filepath.Clean(dir), baseline.LoadOptions{KnownPlatforms: known})
	if err != nil {
		return nil, configError(err)
	}
	return a, nil
}

// LoadChanges reads the change-window file (refs.Changes, else
// baselines/changes.yaml when it exists), keeps only the change record
// only when given, and binds site / role windows to devs.
func LoadChanges(refs References, only string, devs []inventory.Device) (*baseline.Changes, error) {
	var c *baseline.Changes
	var err error
	if refs.Changes != "" {
		c, err = baseline.LoadChanges(refs.Changes)
	} else {
		c, err = baseline.LoadDefaultChanges(refs.Baselines)
	}
	if err != nil {
		return nil, configError(err)
	}
	if only != "" {
		o, ok := c.Only(only)
		if !ok {
			file := c.File
			if file == "" {
				file = "-"
			}
			return nil, usageErrorf("--change: no change %q in %s", only, file)
		}
		c = o
	}
	targets := make([]baseline.Target, len(devs))
	for i, d := range devs {
		targets[i] = baseline.Target{Name: d.Name, Site: d.Site, Role: d.Role}
	}
	return c.WithInventory(targets), nil
}

// warnUnmatchedChanges logs at warn every device name or glob, site and
// role of a change record that selects no device of all (the whole
// inventory, so a record for devices outside this run's selection stays
// quiet). Such a record covers nothing: its changes would look unplanned.
func warnUnmatchedChanges(log *slog.Logger, c *baseline.Changes, all []inventory.Device) {
	targets := make([]baseline.Target, len(all))
	for i, d := range all {
		targets[i] = baseline.Target{Name: d.Name, Site: d.Site, Role: d.Role}
	}
	for _, u := range c.Unmatched(targets) {
		log.Warn("change record selects no device", "change", u.Change, "selector", u.Selector,
			"file", fmt.Sprintf("%s:%d", u.File, u.Line))
	}
}
