package pipeline

import (
	"fwaudit/internal/baseline"
	"fwaudit/internal/inventory"
	"fwaudit/internal/plan"
	"fwaudit/internal/report"
)

// enrich adds what the renderers need beyond the evaluated devices: the
// inventory attributes, the baseline entry each device matched, the plan
// of each device and the approved ROMMON versions per model. It never
// talks to a device. devs[i] is the inventory entry of run.Devices[i]
// (the zero Device when the inventory does not know it, as in ingest).
func enrich(run *report.Run, devs []inventory.Device, set *baseline.Set, po plan.Options) {
	if set != nil {
		run.Approved = approvedROMMON(set)
	}
	for i := range run.Devices {
		d := &run.Devices[i]
		var inv inventory.Device
		if i < len(devs) {
			inv = devs[i]
		}
		d.Site, d.Role, d.Credentials = inv.Site, inv.Role, inv.Credentials.Name
		var m *baseline.Model
		var policy baseline.Policy
		if set != nil {
			if mm, ok := set.Match(d.Platform, d.Facts.Model); ok {
				m, d.Baseline = mm, mm.Pattern
			}
			policy = set.Policy
		}
		d.Plan = plan.Build(plan.Input{Device: d.Name, Platform: d.Platform, Facts: d.Facts,
			Findings: d.Findings, Model: m, Policy: policy}, po)
	}
}
