package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// ASABootvar is the parsed Cisco ASA `show bootvar`:
//
//	BOOT variable = (hd0,1)/asa964-36-smp-k8.bin
//	Current BOOT variable = disk0:/asa964-36-smp-k8.bin
//	CONFIG_FILE variable =
//	Current CONFIG_FILE variable =
//
// BOOT is what the unit booted with (ROMMON's view, possibly a GRUB path);
// Current is what the running configuration sets for the next boot.
type ASABootvar struct {
	Boot              []string `json:"boot"`
	CurrentBoot       []string `json:"current_boot"`
	ConfigFile        string   `json:"config_file,omitempty"`
	CurrentConfigFile string   `json:"current_config_file,omitempty"`
}

// ParseASABootvar parses `show bootvar`. Lists are split on ";" and ",".
func ParseASABootvar(s string) (ASABootvar, error) {
	var b ASABootvar
	found := false
	eachLine(s, func(line string) bool {
		key, val, ok := strings.Cut(strings.TrimSpace(limit(line)), "=")
		if !ok {
			return true
		}
		val = strings.TrimSpace(val)
		switch strings.Join(strings.Fields(key), " ") {
		case "BOOT variable":
			b.Boot, found = bootList(val), true
		case "Current BOOT variable":
			b.CurrentBoot, found = bootList(val), true
		case "CONFIG_FILE variable":
			b.ConfigFile, found = field(val), true
		case "Current CONFIG_FILE variable":
			b.CurrentConfigFile, found = field(val), true
		}
		return true
	})
	if !found {
		if asaUnsupported(s) {
			return b, fmt.Errorf("parse show bootvar: %w", ErrUnsupported)
		}
		return b, fmt.Errorf("parse show bootvar: %w: no \"BOOT variable =\" line", ErrUnrecognized)
	}
	return b, nil
}

func bootList(val string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(val, func(r rune) bool { return r == ';' || r == ',' }) {
		if p = field(strings.TrimSpace(p)); p != "" && len(out) < maxBootEntries {
			out = append(out, p)
		}
	}
	return out
}

// ASARunningBoot is the parsed `show running-config boot`.
type ASARunningBoot struct {
	System []string `json:"system"`           // boot system <url>, in order
	Config string   `json:"config,omitempty"` // boot config <url>
}

// ParseASARunningBoot parses `show running-config boot`. An empty output
// is a configuration without boot lines (the unit boots the first image it
// finds), not an error.
func ParseASARunningBoot(s string) (ASARunningBoot, error) {
	var b ASARunningBoot
	eachLine(s, func(line string) bool {
		f := strings.Fields(limit(line))
		switch {
		case len(f) >= 3 && f[0] == "boot" && f[1] == "system" && len(b.System) < maxBootEntries:
			b.System = append(b.System, field(f[2]))
		case len(f) >= 3 && f[0] == "boot" && f[1] == "config":
			b.Config = field(f[2])
		}
		return true
	})
	if len(b.System) == 0 && b.Config == "" && strings.TrimSpace(s) != "" {
		if asaUnsupported(s) {
			return b, fmt.Errorf("parse show running-config boot: %w", ErrUnsupported)
		}
		return b, fmt.Errorf("parse show running-config boot: %w: no boot line", ErrUnrecognized)
	}
	return b, nil
}

// asaBootFacts: the boot list is the running-config boot system lines,
// else show bootvar's Current BOOT variable, else its BOOT variable.
func asaBootFacts(out Outputs, f *facts.Facts, fw *facts.Firewall, keep func(error, bool) bool) {
	var fromConfig []string
	if s, ok := out[ASAShowRunBoot]; ok {
		b, err := ParseASARunningBoot(s)
		keep(err, true)
		fromConfig = b.System
		fw.ConfigFile = b.Config
	}
	if s, ok := out[ASAShowBootvar]; ok {
		b, err := ParseASABootvar(s)
		keep(err, true)
		f.Boot.System = b.CurrentBoot
		if len(f.Boot.System) == 0 {
			f.Boot.System = b.Boot
		}
		fw.ConfigFile = nonEmpty(b.CurrentConfigFile, nonEmpty(b.ConfigFile, fw.ConfigFile))
	}
	if len(fromConfig) > 0 {
		f.Boot.System = fromConfig
	}
}
