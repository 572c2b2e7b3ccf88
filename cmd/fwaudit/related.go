package main

import (
	"slices"
	"strings"

	"fwaudit/internal/inventory"
	"fwaudit/internal/platform"
	"fwaudit/internal/report"
)

// relatedDevices expands names with every inventory device that shares a
// site, a role or a credentials entry with one of them: the devices the
// T1542.004 playbook puts under heightened monitoring after a finding. It
// returns the names to audit (the named ones first) and why each related
// one was picked. The model is only known after the audit: enrichRun adds
// "model X" to the reason of related devices whose model matches.
func relatedDevices(g globalOptions, names []string) ([]string, map[string]string, error) {
	inv, err := inventory.Load(g.Inventory, inventory.LoadOptions{KnownPlatforms: platform.Names(), Logger: g.logger})
	if err != nil {
		return nil, nil, configError(err)
	}
	anchors, err := inv.Select(names, inventory.Filter{})
	if err != nil {
		return nil, nil, usageErrorf("%s", err)
	}
	out := append([]string(nil), names...)
	why := map[string]string{}
	for _, d := range inv.Devices {
		if slices.ContainsFunc(anchors, func(a inventory.Device) bool { return a.Name == d.Name }) {
			continue
		}
		var reasons []string
		for _, a := range anchors {
			for _, kv := range [][3]string{{"site", a.Site, d.Site}, {"role", a.Role, d.Role}, {"credentials", a.Credentials.Name, d.Credentials.Name}} {
				r := kv[0] + " " + kv[1]
				if kv[1] != "" && kv[1] == kv[2] && !slices.Contains(reasons, r) {
					reasons = append(reasons, r)
				}
			}
		}
		if len(reasons) > 0 {
			out = append(out, d.Name)
			why[d.Name] = "related to " + strings.Join(anchorNames(anchors), ", ") + ": shares " + strings.Join(reasons, ", ")
		}
	}
	return out, why, nil
}

func anchorNames(ds []inventory.Device) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Name
	}
	return out
}

// markRelated sets each related device's reason, adding a shared model
// now that the audit knows it.
func markRelated(run *report.Run, why map[string]string) {
	if len(why) == 0 {
		return
	}
	models := map[string]bool{}
	for _, d := range run.Devices {
		if _, related := why[d.Name]; !related && d.Facts.Model != "" {
			models[d.Facts.Model] = true
		}
	}
	for i := range run.Devices {
		d := &run.Devices[i]
		r, ok := why[d.Name]
		if !ok {
			continue
		}
		if models[d.Facts.Model] {
			r += ", model " + d.Facts.Model
		}
		d.Related = r
	}
}
