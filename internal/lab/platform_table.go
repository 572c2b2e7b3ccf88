package lab

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// runFunc is a command's output function.
type runFunc func(e *cmdEnv, args []string) string

// platformOutputs answers the commands of the simulated platforms other than
// IOS XE, by platform and command name (the words of the command table).
var platformOutputs = map[string]map[string]runFunc{
	"cisco_nxos":    nxosOutputs,
	"arista_eos":    eosOutputs,
	"juniper_junos": junosOutputs,
	"cisco_iosxr":   xrOutputs,
	"cisco_ios":     iosOutputs,
}

// simulatedPlatforms are the platforms a fleet device may have: IOS XE
// (the commands table) and those of platformOutputs.
// Sorted, because errors list them.
var simulatedPlatforms = slices.Sorted(slices.Values(append([]string{"cisco_iosxe"}, slices.Collect(maps.Keys(platformOutputs))...)))

// Simulated returns the platforms the lab has a profile for, sorted.
func Simulated() []string { return slices.Clone(simulatedPlatforms) }

// privilegedAtLogin are the platforms whose sessions start in privileged
// exec (IOS XR has no enable); the others start at HOST>.
var privilegedAtLogin = map[string]bool{"cisco_iosxr": true}

// onPlatform makes a command platform-aware: IOS XE devices get iosxe (nil:
// the command does not exist there), the other platforms their own output,
// or their rejection when they lack the command.
func onPlatform(name string, iosxe runFunc) runFunc {
	return func(e *cmdEnv, args []string) string {
		p := e.p.spec.Platform
		if p == "" || p == "cisco_iosxe" {
			if iosxe == nil {
				return invalidArgs
			}
			return iosxe(e, args)
		}
		if fn, ok := platformOutputs[p][name]; ok {
			return fn(e, args)
		}
		return rejection(p)
	}
}

// rejection is what a platform prints for a command it does not have.
func rejection(platform string) string {
	switch platform {
	case "juniper_junos":
		return "                 ^\nunknown command.\n"
	case "cisco_nxos":
		return "% Invalid command at '^' marker.\n"
	}
	return invalidArgs
}

// silent is the output of a command that prints nothing (set cli ...).
func silent(*cmdEnv, []string) string { return "" }

// wordsUptime formats an uptime as EOS does: "6 weeks, 2 days, 3 hours and 12 minutes".
func wordsUptime(d time.Duration) string {
	mins := int64(d / time.Minute)
	w, dd, h, m := mins/10080, mins%10080/1440, mins%1440/60, mins%60
	return fmt.Sprintf("%d weeks, %d days, %d hours and %d minutes", w, dd, h, m)
}

// bootPath returns the first boot entry, or fs + image.
func bootPath(s DeviceSpec, fs string) string {
	if len(s.Boot) > 0 {
		return s.Boot[0]
	}
	return fs + s.Image
}

// bareFile strips a file-system prefix and folders: bootflash:/x.bin gives x.bin.
func bareFile(p string) string { return p[strings.LastIndexAny(p, ":/")+1:] }

// otherSysDescr is the sysDescr of the platforms other than IOS XE, as
// their agents word it; ok is false for IOS XE.
func otherSysDescr(s DeviceSpec) (string, bool) {
	switch s.Platform {
	case "cisco_nxos":
		return "Cisco NX-OS(tm) nxos64-cs, Software (nxos64-cs), Version " + s.OSVersion + ", RELEASE SOFTWARE Copyright (c) 2002-2024 by Cisco Systems, Inc.", true
	case "cisco_iosxr":
		return "Cisco IOS XR Software (" + s.Model + "), Version " + s.OSVersion + "\r\nCopyright (c) 2013-2023 by Cisco Systems, Inc.", true
	case "cisco_ios":
		return "Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version " + s.OSVersion + ", RELEASE SOFTWARE (fc2)\r\nTechnical Support: http://www.cisco.com/techsupport", true
	case "arista_eos":
		return "Arista Networks EOS version " + s.OSVersion + " running on an Arista Networks " + s.Model, true
	case "juniper_junos":
		return "Juniper Networks, Inc. " + strings.ToLower(s.Model) + " internet router, kernel JUNOS " + s.OSVersion, true
	}
	return "", false
}
