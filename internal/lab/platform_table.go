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

// labPlatform is one simulated platform: everything the lab does
// differently for it. Each platform_<name>.go defines one; labPlatforms is
// the table (platform.Platform.Lab names an entry).
type labPlatform struct {
	// outputs answer the platform's commands by command name (the words of
	// the commands table); nil for IOS XE, whose outputs are the table's.
	outputs map[string]runFunc
	// commands are CLI commands only this platform has, matched after the
	// shared table (commands.go), so a new platform's commands live in its
	// own file.
	commands []*command
	// rejection is what the CLI prints for a command the platform lacks.
	rejection string
	// privileged sessions start in privileged exec (IOS XR has no enable);
	// the others start at HOST>.
	privileged bool
	// prompt is the CLI prompt; nil: HOST> / HOST#.
	prompt func(hostname string) string
	// sysDescr is what the SNMP agent says; nil: IOS XE's (snmp_mib.go).
	sysDescr func(s DeviceSpec) string
	// sysObjectID is the agent's sysObjectID; "": a Cisco product arc.
	sysObjectID string
	// served reduces a path the SFTP / SCP client asked for to a file name
	// on the image file system, as the real platform's file servers
	// resolve it; ok false when that server would find no such file. ""
	// with ok true is the file system itself (a directory listing).
	served func(path string) (name string, ok bool)
}

// labPlatforms is the explicit table of simulated platforms.
var labPlatforms = map[string]labPlatform{
	"cisco_iosxe":   iosxeLab,
	"cisco_ios":     iosLab,
	"cisco_nxos":    nxosLab,
	"cisco_iosxr":   xrLab,
	"arista_eos":    eosLab,
	"juniper_junos": junosLab,
	"cisco_asa":     asaLab,
}

// iosxeLab is IOS XE: the commands table, files on bootflash:.
var iosxeLab = labPlatform{rejection: invalidArgs, served: cliServed("bootflash:")}

// simulatedPlatforms are the platforms a fleet device may have, sorted,
// because errors list them.
var simulatedPlatforms = slices.Sorted(maps.Keys(labPlatforms))

// Simulated returns the platforms the lab has a profile for, sorted.
func Simulated() []string { return slices.Clone(simulatedPlatforms) }

// labPlatformOf is the simulated platform of a device ("" is IOS XE).
func labPlatformOf(s DeviceSpec) labPlatform {
	if lp, ok := labPlatforms[s.Platform]; ok {
		return lp
	}
	return iosxeLab
}

// table is the CLI of the platform: the shared commands, then its own.
func (lp labPlatform) table() []*command {
	if len(lp.commands) == 0 {
		return commands
	}
	return append(slices.Clip(commands), lp.commands...)
}

// onPlatform makes a command platform-aware: IOS XE devices get iosxe (nil:
// the command does not exist there), the other platforms their own output,
// or their rejection when they lack the command.
func onPlatform(name string, iosxe runFunc) runFunc {
	return func(e *cmdEnv, args []string) string {
		lp := labPlatformOf(e.p.spec)
		if lp.outputs == nil {
			if iosxe == nil {
				return invalidArgs
			}
			return iosxe(e, args)
		}
		if fn, ok := lp.outputs[name]; ok {
			return fn(e, args)
		}
		return lp.rejection
	}
}

// ownOr is a shared command a platform may answer its own way: its output
// when it has one under name, else fn (the IOS-style answer the others
// give).
func ownOr(name string, fn runFunc) runFunc {
	return func(e *cmdEnv, args []string) string {
		if own, ok := labPlatformOf(e.p.spec).outputs[name]; ok {
			return own(e, args)
		}
		return fn(e, args)
	}
}

// cliServed is how IOS, IOS XE and NX-OS serve a file system over SFTP and
// SCP: under its CLI name, with or without a leading slash or the file
// system (x.bin, /x.bin, fs:x.bin, fs:/x.bin, /fs:/x.bin).
func cliServed(home string) func(string) (string, bool) {
	return func(p string) (string, bool) {
		p = strings.TrimPrefix(p, "/")
		p = strings.TrimPrefix(p, home)
		return strings.Trim(p, "/"), true
	}
}

// cliServedAny is cliServed for a platform whose devices boot from one of
// homes (classic IOS: an ISR's flash:, a Catalyst 6500's disk0:).
func cliServedAny(homes ...string) func(string) (string, bool) {
	return func(p string) (string, bool) {
		p = strings.TrimPrefix(p, "/")
		for _, h := range homes {
			if rest, ok := strings.CutPrefix(p, h); ok {
				return strings.Trim(rest, "/"), true
			}
		}
		return strings.Trim(p, "/"), true
	}
}

// unixServed is how a platform whose SSH server is OpenSSH on Unix serves
// files: only under their absolute path below dir (EOS /mnt/flash/, Junos
// /var/tmp/). A CLI name (flash:/x.swi) or a relative path (which the
// server resolves in the user's home) names no image file.
func unixServed(dir string) func(string) (string, bool) {
	return func(p string) (string, bool) {
		if p == strings.TrimSuffix(dir, "/") || p == dir {
			return "", true
		}
		rest, ok := strings.CutPrefix(p, dir)
		if !ok || rest == "" || strings.Contains(rest, "/") {
			return "", false
		}
		return rest, true
	}
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
