package platform

import (
	"fmt"
	"strings"
)

// iosxeVersion is what `show version` on Cisco IOS or IOS XE says, field by
// field, before it is merged into facts. Every string is textsafe.
type iosxeVersion struct {
	Hostname           string `json:"hostname"`
	XEVersion          string `json:"xe_version"`  // "Cisco IOS XE Software, Version X" or "IOS XE Version: X"
	IOSVersion         string `json:"ios_version"` // "Cisco IOS Software ..., Version X,"
	Image              string `json:"image"`       // System image file, prefix kept
	Uptime             string `json:"uptime"`      // text after "uptime is"
	UptimeSeconds      int64  `json:"uptime_seconds"`
	LastReloadReason   string `json:"last_reload_reason"`
	ReturnedToROMBy    string `json:"returned_to_rom_by"`
	ConfigRegister     string `json:"config_register"`
	ConfigRegisterNext string `json:"config_register_next"`
	Model              string `json:"model"`
	Serial             string `json:"serial"`
	ROM                string `json:"rom"`     // raw text after "ROM:" (before a glued "BOOTLDR:")
	BootLoader         string `json:"bootldr"` // raw text after "BOOTLDR:"
}

// OSVersion is the IOS XE version when printed, else the IOS version.
func (v iosxeVersion) OSVersion() string {
	if v.XEVersion != "" {
		return v.XEVersion
	}
	return v.IOSVersion
}

// ReloadReason is "Last reload reason" when printed, else "System returned to ROM by".
func (v iosxeVersion) ReloadReason() string {
	if v.LastReloadReason != "" {
		return v.LastReloadReason
	}
	return v.ReturnedToROMBy
}

// parseIOSXEShowVersion parses `show version` of IOS XE (and classic IOS).
// For each field the first matching line wins. It fails with
// ErrUnrecognized when no version line is found, returning what it found.
func parseIOSXEShowVersion(s string) (iosxeVersion, error) {
	s = unwrap(s, iosVersionContinues) // a pasted output: indented, wrapped at the terminal width
	var v iosxeVersion
	var modelNumber, systemSerial string
	eachLine(s, func(line string) bool {
		v.parseLine(line, &modelNumber, &systemSerial)
		return true
	})
	if v.Model == "" {
		v.Model = modelNumber
	}
	if v.Serial == "" {
		v.Serial = systemSerial
	}
	if v.OSVersion() == "" {
		if unsupported(s) {
			return v, fmt.Errorf("parse show version: %w", ErrUnsupported)
		}
		return v, fmt.Errorf("parse show version: %w: no version line", ErrUnrecognized)
	}
	return v, nil
}

func (v *iosxeVersion) parseLine(line string, modelNumber, systemSerial *string) {
	trimmed := strings.TrimSpace(line)
	switch {
	case v.XEVersion == "" && (hasPrefixFold(line, "Cisco IOS XE Software, Version ") || hasPrefixFold(line, "Cisco IOS-XE Software, Version ")):
		v.XEVersion = field(firstToken(line[len("Cisco IOS XE Software, Version "):]))
	case v.XEVersion == "" && strings.HasPrefix(line, "IOS XE Version: "):
		v.XEVersion = field(firstToken(line[len("IOS XE Version: "):]))
	case v.IOSVersion == "" && (strings.HasPrefix(line, "Cisco IOS Software") || strings.HasPrefix(line, "IOS (tm)")):
		if i := strings.Index(line, "Version "); i >= 0 {
			v.IOSVersion = field(firstToken(line[i+len("Version "):]))
		}
	case strings.HasPrefix(line, "ROM:") && v.ROM == "":
		rom := line[len("ROM:"):]
		if i := strings.Index(rom, "BOOTLDR:"); i >= 0 { // Cat9k quirk: both on one line
			if v.BootLoader == "" {
				v.BootLoader = field(rom[i+len("BOOTLDR:"):])
			}
			rom = rom[:i]
		}
		v.ROM = field(rom)
	case strings.HasPrefix(line, "BOOTLDR:") && v.BootLoader == "":
		v.BootLoader = field(line[len("BOOTLDR:"):])
	case v.Hostname == "" && strings.Contains(line, " uptime is "):
		i := strings.Index(line, " uptime is ")
		host := strings.TrimSpace(line[:i])
		if host == "" || strings.ContainsAny(host, " \t") {
			return
		}
		v.Hostname = field(host)
		v.Uptime = field(line[i+len(" uptime is "):])
		v.UptimeSeconds = parseUptime(line[i+len(" uptime is "):])
	case v.Image == "" && hasPrefixFold(line, "System image file is "):
		v.Image = imagePath(line[len("System image file is "):])
	case v.LastReloadReason == "" && hasPrefixFold(line, "Last reload reason:"):
		v.LastReloadReason = field(line[len("Last reload reason:"):])
	case v.ReturnedToROMBy == "" && strings.HasPrefix(line, "System returned to ROM by "):
		v.ReturnedToROMBy = field(line[len("System returned to ROM by "):])
	case v.ConfigRegister == "" && hasPrefixFold(trimmed, "Configuration register is "):
		v.ConfigRegister, v.ConfigRegisterNext = parseConfigRegister(trimmed[len("Configuration register is "):])
	case v.Model == "" && hasPrefixFold(line, "cisco "):
		v.Model = parseModelLine(line[len("cisco "):])
	case v.Serial == "" && hasPrefixFold(line, "Processor board ID "):
		v.Serial = field(wordChars(line[len("Processor board ID "):]))
	case *modelNumber == "" && strings.HasPrefix(line, "Model Number") && strings.Contains(line, ":"):
		*modelNumber = field(firstToken(line[strings.IndexByte(line, ':')+1:]))
	case *systemSerial == "" && strings.HasPrefix(line, "System Serial Number") && strings.Contains(line, ":"):
		*systemSerial = field(firstToken(line[strings.IndexByte(line, ':')+1:]))
	}
}

// parseConfigRegister reads "0x2102" or "0x2 (will be 0x2102 at next reload)".
func parseConfigRegister(s string) (now, next string) {
	now = field(firstToken(s))
	if i := strings.Index(s, "(will be "); i >= 0 {
		next = field(strings.TrimRight(firstToken(s[i+len("(will be "):]), ")"))
	}
	return now, next
}

// parseModelLine reads the rest of "cisco ISR4331/K9 (1RU) processor with ...":
// the first word, when a parenthesis follows it and the line describes a
// processor.
func parseModelLine(rest string) string {
	word := firstToken(rest)
	after := strings.TrimLeft(strings.TrimLeft(rest, " \t")[len(word):], " \t")
	if word == "" || !strings.HasPrefix(after, "(") {
		return ""
	}
	if !strings.Contains(after, "processor") && !strings.Contains(after, " with ") {
		return ""
	}
	return field(word)
}

// wordChars returns the leading run of [A-Za-z0-9_] of s after spaces.
func wordChars(s string) string {
	s = strings.TrimLeft(s, " \t")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return s[:i]
		}
	}
	return s
}

// imagePath reads the value of "System image file is": the text between
// the quotes, so a trailing `, booted via flash` (IOS 11.x) is not part of
// the path; unquoted text is taken whole.
func imagePath(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, `"`); ok {
		if i := strings.IndexByte(rest, '"'); i >= 0 {
			return field(rest[:i])
		}
		return field(rest)
	}
	return field(strings.Trim(s, `"`))
}

// iosVersionKeys start the show version lines the parser reads or knows;
// a wrapped piece of a long line starts with none of them.
var iosVersionKeys = []string{"Cisco ", "cisco ", "IOS ", "ROM:", "BOOTLDR:", "System ", "Last ", "Configuration ",
	"Processor ", "Model ", "Technical ", "Copyright", "Compiled ", "Image ", "Smart ", "License", "Base ", "Top ",
	"Motherboard ", "Hardware ", "Switch ", "Technology", "This product", "A summary", "If you", "Time since", "Uptime "}

// iosVersionContinues: next is the rest of line when line is a keyed line
// and next starts no keyed line and no "<host> uptime is" line.
func iosVersionContinues(line, next string) bool {
	startsKey := func(l string) bool {
		for _, k := range iosVersionKeys {
			if strings.HasPrefix(l, k) {
				return true
			}
		}
		return false
	}
	return startsKey(line) && !startsKey(next) && !strings.Contains(next, " uptime is ") && !strings.HasPrefix(next, "*")
}
