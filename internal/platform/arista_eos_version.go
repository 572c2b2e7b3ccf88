package platform

import (
	"fmt"
	"strings"
)

// eosVersion is what Arista `show version [detail]` says.
type eosVersion struct {
	Model         string `json:"model"`          // first line "Arista DCS-7010T-48-R"
	HWVersion     string `json:"hw_version"`     // Hardware version:
	Serial        string `json:"serial"`         // Serial number:
	SystemMAC     string `json:"system_mac"`     // System MAC address:
	Version       string `json:"version"`        // Software image version: first word
	InternalBuild string `json:"internal_build"` // Internal build version:
	Uptime        string `json:"uptime"`         // Uptime: text
	UptimeSeconds int64  `json:"uptime_seconds"` //
	Aboot         string `json:"aboot"`          // detail: Aboot component version (boot loader)
}

// parseEOSShowVersion parses `show version` and `show version detail`. The
// detail form adds a component table where the boot loader is the row
// "Aboot   Aboot-norcal6-6.1.10-14653765". It fails with ErrUnrecognized
// when no "Software image version" line is found.
func parseEOSShowVersion(s string) (eosVersion, error) {
	var v eosVersion
	first := true
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		if t == "" {
			return true
		}
		if first && strings.HasPrefix(t, "Arista ") {
			v.Model = field(firstToken(t[len("Arista "):]))
		}
		first = false
		key, val, ok := strings.Cut(t, ":")
		val = strings.TrimSpace(val)
		switch {
		case ok && key == "Hardware version" && v.HWVersion == "":
			v.HWVersion = field(firstToken(val))
		case ok && key == "Serial number" && v.Serial == "":
			v.Serial = field(firstToken(val))
		case ok && key == "System MAC address" && v.SystemMAC == "":
			v.SystemMAC = field(firstToken(val))
		case ok && key == "Software image version" && v.Version == "":
			v.Version = field(firstToken(val))
		case ok && key == "Internal build version" && v.InternalBuild == "":
			v.InternalBuild = field(firstToken(val))
		case ok && key == "Uptime" && v.Uptime == "":
			v.Uptime = field(val)
			v.UptimeSeconds = parseUptimeWords(val)
		case v.Aboot == "" && (strings.HasPrefix(t, "Aboot ") || strings.HasPrefix(t, "Aboot\t")):
			if w := strings.Fields(t); len(w) >= 2 && strings.HasPrefix(w[1], "Aboot-") {
				v.Aboot = field(w[1])
			}
		}
		return true
	})
	if v.Version == "" {
		if unsupported(s) {
			return v, fmt.Errorf("parse eos show version: %w", ErrUnsupported)
		}
		return v, fmt.Errorf("parse eos show version: %w: no Software image version line", ErrUnrecognized)
	}
	return v, nil
}

// eosBootConfig is what `show boot-config` says.
type eosBootConfig struct {
	SoftwareImage string `json:"software_image"` // flash:/EOS-4.28.3M.swi: what Aboot boots next
	ConsoleSpeed  string `json:"console_speed"`
	AbootPassword bool   `json:"aboot_password_set"` // the hash itself is never kept
}

// parseEOSBootConfig parses `show boot-config`. The Aboot password hash is
// not kept, only whether one is set.
func parseEOSBootConfig(s string) (eosBootConfig, error) {
	var bc eosBootConfig
	recognized := false
	eachLine(s, func(line string) bool {
		key, val, ok := strings.Cut(strings.TrimSpace(limit(line)), ":")
		if !ok {
			return true
		}
		val = strings.TrimSpace(val)
		switch key {
		case "Software image":
			recognized = true
			if val != "(not set)" {
				bc.SoftwareImage = field(firstToken(val))
			}
		case "Console speed":
			recognized, bc.ConsoleSpeed = true, field(val)
		case "Aboot password (encrypted)":
			recognized, bc.AbootPassword = true, val != "" && val != "(not set)"
		}
		return true
	})
	if !recognized {
		if unsupported(s) {
			return bc, fmt.Errorf("parse eos show boot-config: %w", ErrUnsupported)
		}
		return bc, fmt.Errorf("parse eos show boot-config: %w: no Software image line", ErrUnrecognized)
	}
	return bc, nil
}
