package platform

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"fwaudit/internal/facts"
)

// The commands the Cisco ASA parsers read, exactly as sent (Outputs keys).
// Collection runs them in privileged exec mode after `terminal pager 0`, in
// the system context when the device is in multiple-context mode (ASA
// forensic guide); nothing here enters configuration mode.
const (
	ASAShowVersion    = "show version"
	ASAShowModule     = "show module"
	ASAShowInventory  = "show inventory"
	ASADirDisk0       = "dir disk0:"
	ASADirRecursive   = "dir /recursive all-filesystems" // deep mode
	ASAShowLogging    = "show logging"
	ASAShowBootvar    = "show bootvar"
	ASAShowRunBoot    = "show running-config boot"
	ASAAuthRunning    = "show software authenticity running"
	ASAAuthKeys       = "show software authenticity keys"
	ASAShowMode       = "show mode"
	ASAChangetoSystem = "changeto system"
	ASAKernelLinaCS   = "show kernel process | include lina_cs"
	ASAMemRegionLina  = "show memory region | include lina"
	ASAShowCrashinfo  = "show crashinfo"
	ASACheckheaps     = "show checkheaps" // deep mode, twice: see ASACheckheapsRun
	// ASAVerifyText and ASAVerifyTextMemory hash the running code segment
	// (deep mode); the second path is the fallback of older releases and
	// ASAv. ASAVerifyPrefix starts the image verifies (`verify /sha-512
	// disk0:/x.SPA`).
	ASAVerifyText       = "verify /sha-512 system:/text"
	ASAVerifyTextMemory = "verify /sha-512 system:memory/text"
	ASAVerifyPrefix     = "verify /sha-512 "
	// ASAPatternHunt is CISA's ED 25-03 implant byte-pattern hunt (deep
	// mode): any output is "compromise detected".
	ASAPatternHunt = "more /binary system:/text | grep 55534154 41554156 41575756 488bb3a0"
)

// ASACheckheapsRun is the Outputs key of the n-th `show checkheaps` sample
// (n from 1): the command is sent the same way each time, so the second and
// later answers are stored under "show checkheaps (run 2)" and so on.
func ASACheckheapsRun(n int) string {
	if n <= 1 {
		return ASACheckheaps
	}
	return ASACheckheaps + " (run " + strconv.Itoa(n) + ")"
}

// maxCheckheapsRuns bounds the samples ParseASA reads.
const maxCheckheapsRuns = 8

// ParseASA merges the Cisco ASA outputs present in out into one Facts.
// OSVersion is the normalized dotted release (9.16.4.85) and OSVersionRaw
// the release as printed (9.16(4)85). The model and serial come from the
// show inventory chassis, else show module's system module, else show
// version. The ROMMON is the Fw Version of module 0 (5512–5585) or 1
// (5506/5508/5516), and show version's ROMMON line where the release
// prints one; when both agree they are one component. The boot list is the
// running-config `boot system` lines, else show bootvar's current BOOT
// variable. Deep-mode outputs (text hash, pattern hunt, checkheaps) and the
// indicator commands fill Facts.Firewall.Runtime with their Read flags.
func ParseASA(out Outputs) (facts.Facts, error) {
	var f facts.Facts
	fw := &facts.Firewall{}
	var errs []error
	keep := keeper(&errs)
	var v ASAVersion
	if s, ok := out[ASAShowVersion]; ok {
		var err error
		v, err = ParseASAShowVersion(s)
		keep(err, false)
		asaVersionFacts(&f, fw, v)
	}
	if s, ok := out[ASAShowModule]; ok {
		m, err := ParseASAShowModule(s)
		if keep(err, true) {
			asaModuleFacts(&f, m)
		}
	}
	if s, ok := out[ASAShowInventory]; ok {
		inv, err := ParseCiscoInventory(s)
		keep(err, true)
		if c, ok := inv.Chassis(); ok && c.PID != "" {
			f.Model, f.Serial = c.PID, nonEmpty(c.SN, f.Serial)
		}
	}
	asaBootFacts(out, &f, fw, keep)
	asaDirFacts(out, &f, fw, keep)
	asaLoggingFacts(out, &f, keep)
	asaAuthFacts(out, &f, fw, keep)
	asaRuntimeFacts(out, &f, fw, keep)
	f.ImageHashes = append(f.ImageHashes, asaImageHashes(out, keep)...)
	f.Firewall = fw
	return f, errors.Join(errs...)
}

func asaVersionFacts(f *facts.Facts, fw *facts.Firewall, v ASAVersion) {
	f.Hostname, f.Image, f.Serial = v.Hostname, v.Image, v.Serial
	f.OSVersion, f.OSVersionRaw = v.Version, v.VersionRaw
	if f.OSVersion == f.OSVersionRaw {
		f.OSVersionRaw = ""
	}
	f.Model = nonEmpty(v.ModelID, v.Model)
	f.UptimeSeconds, f.LastReloadReason = v.UptimeSeconds, v.ReloadReason
	f.Boot.ConfigRegister, f.Boot.ConfigRegisterNext = v.ConfigRegister, v.ConfigRegisterNext
	fw.FXOSVersion, fw.FXOSVersionRaw, fw.Hardware = v.FXOSVersion, v.FXOSVersionRaw, v.Hardware
	fw.BootConfig = v.BootConfig
	if v.UserContext {
		fw.Context = "user context"
	}
	if v.ROMMON != "" {
		f.ROMMON = append(f.ROMMON, facts.Component{Name: "chassis", Version: v.ROMMON, Source: facts.SourceCLI, Origin: ASAShowVersion})
		fw.TrustHints = append(fw.TrustHints, "show version: ROMMON Version "+v.ROMMON)
	}
	for _, h := range v.FPGA {
		fw.TrustHints = append(fw.TrustHints, "show version: "+h)
	}
}

// asaModuleFacts takes the system module (0 or 1): its Fw Version is the
// ROMMON. A show version ROMMON line with the same version is folded into it.
func asaModuleFacts(f *facts.Facts, m ASAModules) {
	sys, ok := m.System()
	if !ok {
		return
	}
	if sys.Model != "" && sys.Model != "N/A" {
		f.Model = sys.Model
	}
	if f.Serial == "" && sys.Serial != "N/A" {
		f.Serial = sys.Serial
	}
	if sys.Firmware == "" || sys.Firmware == "N/A" {
		return
	}
	f.ROMMON = slices.DeleteFunc(f.ROMMON, func(c facts.Component) bool {
		return c.Origin == ASAShowVersion && c.Version == sys.Firmware
	})
	f.ROMMON = append([]facts.Component{{Name: sys.Module, Version: sys.Firmware, Source: facts.SourceCLI, Origin: ASAShowModule}}, f.ROMMON...)
}

// asaUnsupported reports whether the ASA rejected the command: its CLI
// prints "ERROR: % Invalid input detected at '^' marker." (the IOS text
// behind an "ERROR: " prefix), and some releases answer "Command is NOT
// supported on device" / "ERROR: Command not supported".
func asaUnsupported(s string) bool {
	if unsupported(s) {
		return true
	}
	found, seen := false, 0
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(line)
		if t == "" || t == "^" {
			return true
		}
		if rest, ok := strings.CutPrefix(t, "ERROR:"); ok {
			rest = strings.TrimSpace(rest)
			found = strings.HasPrefix(rest, "%") || strings.Contains(strings.ToLower(rest), "not supported")
			return false
		}
		if strings.Contains(t, "NOT supported") {
			found = true
			return false
		}
		seen++
		return seen < 4
	})
	return found
}
