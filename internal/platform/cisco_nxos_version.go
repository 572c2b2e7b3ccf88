package platform

import (
	"fmt"
	"strings"
)

// nxosVersion is what NX-OS `show version` says. Every string is textsafe.
type nxosVersion struct {
	Hostname        string `json:"hostname"`         // Device name:
	OSVersion       string `json:"os_version"`       // NXOS: / system: version, suffix such as "[Maintenance Release]" removed
	OSVersionText   string `json:"os_version_text"`  // the same, as printed
	BIOS            string `json:"bios"`             // BIOS: version (the boot firmware)
	Loader          string `json:"loader"`           // loader: version (older Nexus), "N/A" kept
	Image           string `json:"image"`            // NXOS image file / system image file
	Kickstart       string `json:"kickstart"`        // kickstart image file (5K/7K)
	Platform        string `json:"platform"`         // chassis word from "cisco Nexus9000 C9396PX Chassis"
	Model           string `json:"model"`            // the product ID when the line names one (N9K-C93180YC-EX), else Platform
	Serial          string `json:"serial"`           // Processor Board ID
	Uptime          string `json:"uptime"`           // Kernel uptime text
	UptimeSeconds   int64  `json:"uptime_seconds"`   // Kernel uptime
	ResetReason     string `json:"reset_reason"`     // Reason: under Last reset
	PreviousVersion string `json:"previous_version"` // System version: under Last reset (ran before it)
}

// ParseNXOSShowVersion parses NX-OS `show version`. It fails with
// ErrUnrecognized when neither a version nor a BIOS line is found.
func ParseNXOSShowVersion(s string) (nxosVersion, error) {
	var v nxosVersion
	eachLine(s, func(line string) bool {
		v.parseLine(strings.TrimSpace(limit(line)))
		return true
	})
	if v.OSVersionText == "" && v.BIOS == "" {
		if nxosUnsupported(s) {
			return v, fmt.Errorf("parse nx-os show version: %w", ErrUnsupported)
		}
		return v, fmt.Errorf("parse nx-os show version: %w: no NXOS or system version line", ErrUnrecognized)
	}
	return v, nil
}

func (v *nxosVersion) parseLine(t string) {
	key, val, _ := strings.Cut(t, ":")
	key, val = strings.TrimSpace(key), strings.TrimSpace(val)
	switch {
	case key == "BIOS" && v.BIOS == "":
		v.BIOS = field(versionToken(val))
	case key == "loader" && v.Loader == "":
		v.Loader = field(versionToken(val))
	case (key == "NXOS" || key == "system") && strings.HasPrefix(val, "version ") && v.OSVersionText == "":
		text := strings.TrimSpace(val[len("version "):])
		v.OSVersionText = field(text)
		base, _, _ := strings.Cut(text, " [")
		v.OSVersion = field(strings.TrimSpace(base))
	case (key == "NXOS image file is" || key == "system image file is") && v.Image == "":
		v.Image = field(firstToken(val))
	case key == "kickstart image file is" && v.Kickstart == "":
		v.Kickstart = field(firstToken(val))
	case key == "Device name" && v.Hostname == "":
		v.Hostname = field(firstToken(val))
	case key == "Reason" && v.ResetReason == "":
		v.ResetReason = field(val)
	case key == "System version" && v.PreviousVersion == "":
		v.PreviousVersion = field(firstToken(val))
	case hasPrefixFold(t, "Processor Board ID ") && v.Serial == "":
		v.Serial = field(wordChars(t[len("Processor Board ID "):]))
	case strings.HasPrefix(t, "Kernel uptime is ") && v.Uptime == "":
		v.Uptime = field(t[len("Kernel uptime is "):])
		v.UptimeSeconds = parseUptimeWords(t[len("Kernel uptime is "):])
	case strings.HasPrefix(t, "cisco ") && v.Platform == "":
		w := strings.Fields(t[len("cisco "):])
		v.Platform = field(nxosPlatform(w))
		v.Model = v.Platform
		if len(w) > 1 && strings.Contains(w[0], "-") && strings.HasPrefix(w[1], "(") {
			v.Model = field(w[0]) // cisco N9K-C93180YC-EX ("supervisor")
		}
	}
}

// nxosPlatform picks the chassis word the way operators read it:
// "Nexus9000 C9396PX Chassis" and "Nexus 5596 Chassis" give the word after
// the family, "Nexus5548 Chassis" the family word itself, and
// "N9K-C9396PX (...)" the part after the last '-'.
func nxosPlatform(w []string) string {
	switch {
	case len(w) == 0:
		return ""
	case len(w) > 1 && strings.EqualFold(w[1], "chassis"):
		return w[0]
	case len(w) > 1 && (w[0] == "Nexus" || strings.HasPrefix(w[0], "Nexus") && isDigits(w[0][len("Nexus"):])):
		return w[1]
	case strings.Contains(w[0], "-"):
		return w[0][strings.LastIndexByte(w[0], '-')+1:]
	}
	return w[0]
}

// versionToken is the version in "version 07.71", or "" for a bare
// "version" (a device that blanks the number must not report "version").
func versionToken(val string) string {
	if val == "version" {
		return ""
	}
	return firstToken(strings.TrimPrefix(val, "version "))
}
