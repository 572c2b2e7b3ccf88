package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/baseline"
)

// checkROMMONRegion is ROM-005: a two-region router (ISR G2 `show
// rom-monitor`) runs its Upgrade ROMMON region, or has it selected for the
// next boot, and either the Upgrade region's version is not approved or
// the baseline says `rommon.region: readonly`. The read-only region is
// factory-written; an upgrade region nobody approved is where a ROMMON
// implant lives (T1542.004). Quiet without regions, without a baseline
// ROMMON entry, or when the box runs and boots its read-only region.
func checkROMMONRegion(in Input, r Rule) []Finding {
	reg, m := in.Facts.ROMRegions, in.Model
	if reg == nil || m == nil || m.ROMMON == nil {
		return nil
	}
	running, next := reg.Running == "upgrade", reg.NextBoot == "upgrade"
	if !running && !next {
		return nil
	}
	up := visible(reg.Upgrade)
	approved := strings.TrimSpace(reg.Upgrade) != "" && m.ROMMONApproved(reg.Upgrade)
	readonlyOnly := m.ROMMON.Region == baseline.RegionReadOnly
	if approved && !readonlyOnly {
		return nil
	}
	state := "running"
	switch {
	case running && next:
		state = "running and selected for next boot"
	case next:
		state = "selected for next boot"
	}
	observed := fmt.Sprintf("upgrade region %s (%s)", orUnknown(up), state)
	expected := "read-only region, or an upgrade region with an approved version (" + list(m.ROMMON.Approved) + ")"
	why := fmt.Sprintf("upgrade-region ROMMON %s is not on the approved list", orUnknown(up))
	if readonlyOnly {
		expected = "read-only region (baseline rommon.region: readonly)"
		if approved {
			why = fmt.Sprintf("the baseline allows only the read-only region; upgrade region holds approved %s", up)
		}
	}
	evidence := fmt.Sprintf("show rom-monitor: ReadOnly %s, Upgrade %s, running %s, next boot %s; baseline model %q (%s)",
		orUnknown(visible(reg.ReadOnly)), orUnknown(up), orUnknown(visible(reg.Running)), orUnknown(visible(reg.NextBoot)), m.Pattern, where(m))
	f := r.finding(observed, expected, evidence)
	return []Finding{f.escalate(why + "; playbook T1542.004: a ROMMON upgrade no change record approved is escalated")}
}

func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}
