package platform

import (
	"fmt"
	"strings"
)

// xrVersion is what IOS XR `show version` (and `show version brief`) says.
type xrVersion struct {
	Hostname      string `json:"hostname"` // from "<host> uptime is"; "" for "System uptime is"
	Version       string `json:"version"`  // "6.1.4", "7.9.2 LNT"; a "[Default]" suffix is removed
	Model         string `json:"model"`    // from "cisco NCS-5500 () processor"
	Uptime        string `json:"uptime"`
	UptimeSeconds int64  `json:"uptime_seconds"`
	Image         string `json:"image"` // System image file is "..." (32-bit XR)
	ROM           string `json:"rom"`   // the version on the ROM: line (32-bit XR), vendor text after it removed
	Label         string `json:"label"` // Build Information Label
}

// ParseIOSXRShowVersion parses IOS XR `show version`. It fails with
// ErrUnrecognized when no "Cisco IOS XR Software, Version" line is found.
func ParseIOSXRShowVersion(s string) (xrVersion, error) {
	s = unwrap(s, iosVersionContinues) // a pasted output: indented, wrapped at the terminal width
	var v xrVersion
	modelFromProcessor := false
	eachLine(s, func(line string) bool {
		line = limit(line)
		t := strings.TrimSpace(line)
		switch {
		case v.Version == "" && strings.HasPrefix(t, "Cisco IOS XR Software") && strings.Contains(t, "Version "):
			rest := t[strings.Index(t, "Version ")+len("Version "):]
			rest, _, _ = strings.Cut(rest, "[")
			v.Version = field(strings.TrimSpace(rest))
		case v.Uptime == "" && strings.Contains(t, " uptime is "):
			i := strings.Index(t, " uptime is ")
			if host := t[:i]; host != "System" && !strings.ContainsAny(host, " \t") {
				v.Hostname = field(host)
			}
			v.Uptime = field(t[i+len(" uptime is "):])
			v.UptimeSeconds = parseUptimeWords(t[i+len(" uptime is "):])
		case v.Image == "" && hasPrefixFold(t, "System image file is "):
			v.Image = field(strings.Trim(strings.TrimSpace(t[len("System image file is "):]), `"`))
		case v.ROM == "" && strings.HasPrefix(t, "ROM:"):
			v.ROM = romVersion(versionPhrase(t)) // "5.15(c) 1994-2012 by Cisco": (c) is the copyright sign
		case strings.HasPrefix(t, "Label") && strings.Contains(t, ":") && v.Label == "":
			v.Label = field(strings.TrimSpace(t[strings.IndexByte(t, ':')+1:]))
		case hasPrefixFold(t, "cisco ") && strings.Index(t, " (") >= len("cisco "):
			processor := strings.Contains(t, "processor")
			if v.Model == "" || processor && !modelFromProcessor {
				v.Model = field(strings.TrimSpace(t[len("cisco "):strings.Index(t, " (")]))
				modelFromProcessor = processor
			}
		}
		return true
	})
	if v.Version == "" {
		if unsupported(s) {
			return v, fmt.Errorf("parse ios xr show version: %w", ErrUnsupported)
		}
		return v, fmt.Errorf("parse ios xr show version: %w: no IOS XR version line", ErrUnrecognized)
	}
	return v, nil
}
