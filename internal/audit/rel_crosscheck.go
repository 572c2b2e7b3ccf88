package audit

import (
	"fmt"
	"time"
)

// reloadTolerance is how far the CLI uptime and snmpEngineTime may drift
// apart before REL-002 fires: the channels are read seconds apart, the
// CLI prints minutes, and the engine may have started after the OS.
const (
	reloadToleranceMin  = 10 * time.Minute
	reloadToleranceFrac = 0.01 // of the CLI uptime
)

// checkReloadChannels is REL-002: the CLI and SNMP disagree about the last
// reload. snmpEngineTime counts seconds since the SNMP engine last
// (re)started, which on routers and switches is the last reload, so it
// should match the CLI uptime; sysUpTime is only the agent's uptime and is
// not used. With a previous snapshot, snmpEngineBoots going up while the
// CLI uptime says no reload happened since is a disagreement too.
func checkReloadChannels(in Input, r Rule) []Finding {
	f := in.Facts
	if f.SNMP == nil || f.UptimeSeconds <= 0 {
		return nil
	}
	var out []Finding
	cli := time.Duration(f.UptimeSeconds) * time.Second
	if f.SNMP.EngineTimeSeconds > 0 {
		eng := time.Duration(f.SNMP.EngineTimeSeconds) * time.Second
		tol := max(reloadToleranceMin, time.Duration(float64(cli)*reloadToleranceFrac))
		if d := (cli - eng).Abs(); d > tol {
			out = append(out, r.finding(
				fmt.Sprintf("cli uptime %s / snmpEngineTime %s", roundDur(cli), roundDur(eng)),
				fmt.Sprintf("within %s of each other", roundDur(tol)),
				fmt.Sprintf("show version uptime %ds; snmpEngineTime %ds (snmpEngineBoots %d); they differ by %s. An SNMP engine restart without a reload also does this: check the device's log before trusting either channel",
					f.UptimeSeconds, f.SNMP.EngineTimeSeconds, f.SNMP.EngineBoots, roundDur(d))))
		}
	}
	if p := in.Previous; p != nil && p.Facts.SNMP != nil && p.Facts.SNMP.EngineBoots > 0 && f.SNMP.EngineBoots > p.Facts.SNMP.EngineBoots &&
		!in.Now.IsZero() && in.Now.Sub(p.TakenAt) > 0 && cli >= in.Now.Sub(p.TakenAt) {
		out = append(out, r.finding(
			fmt.Sprintf("snmpEngineBoots %d → %d, cli uptime %s", p.Facts.SNMP.EngineBoots, f.SNMP.EngineBoots, roundDur(cli)),
			"no reload on either channel since the last snapshot, or one on both",
			fmt.Sprintf("snmpEngineBoots rose from %d (snapshot %d, %s) to %d, but the CLI uptime %s says the device has not reloaded since",
				p.Facts.SNMP.EngineBoots, p.SnapshotID, p.TakenAt.UTC().Format(time.RFC3339), f.SNMP.EngineBoots, roundDur(cli))))
	}
	return out
}

func roundDur(d time.Duration) time.Duration { return d.Round(time.Second) }
