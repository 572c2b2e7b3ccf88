package platform

import (
	"fmt"
	"strconv"
	"strings"
)

// ASAVersion is the parsed Cisco ASA `show version`.
type ASAVersion struct {
	// Version is the ASA release normalized to dots (9.16.4.85) and
	// VersionRaw as printed (9.16(4)85); they are equal when the printed
	// form is not the A.B(C)D notation.
	Version    string `json:"version"`
	VersionRaw string `json:"version_raw"`
	// UserContext: the version line ends in "<context>": this show version
	// was read in a user context, not the system execution space.
	UserContext bool `json:"user_context,omitempty"`
	// FXOSVersion is the Firepower Extensible / SSP Operating System
	// version of ASA on Firepower hardware, normalized, and FXOSVersionRaw
	// as printed.
	FXOSVersion    string `json:"fxos_version,omitempty"`
	FXOSVersionRaw string `json:"fxos_version_raw,omitempty"`
	DeviceManager  string `json:"device_manager,omitempty"`
	CompileDate    string `json:"compile_date,omitempty"`
	Image          string `json:"image"`
	BootConfig     string `json:"boot_config,omitempty"` // Config file at boot was
	Hostname       string `json:"hostname"`
	Uptime         string `json:"uptime"`
	UptimeSeconds  int64  `json:"uptime_seconds"`
	ReloadReason   string `json:"reload_reason,omitempty"`
	// Hardware is the text after "Hardware:", trailing comma removed;
	// Model its first item (ASA5516, ASAv, FPR4K-SM-12, ISA-3000-2C2F).
	Hardware       string `json:"hardware"`
	Model          string `json:"model"`
	ModelID        string `json:"model_id,omitempty"` // ASAv "Model Id:" (ASAv10)
	Serial         string `json:"serial"`
	ConfigRegister string `json:"config_register"`
	// ConfigRegisterNext is the "(will be 0x41 at next reload)" value.
	ConfigRegisterNext string   `json:"config_register_next,omitempty"`
	ROMMON             string   `json:"rommon,omitempty"` // "ROMMON Version : 1.1.18" (some models and releases)
	FPGA               []string `json:"fpga,omitempty"`   // "FPGA UPGRADE Version : 3.0" lines
	ImageType          string   `json:"image_type,omitempty"`
	KeyVersion         string   `json:"key_version,omitempty"`
	LastModified       string   `json:"last_modified,omitempty"` // Configuration last modified by
}

const asaVersionMarker = "Adaptive Security Appliance Software Version "

// ParseASAShowVersion parses Cisco ASA `show version`. An output without
// the "Adaptive Security Appliance Software Version" line is an error (the
// facts it did get are still returned).
func ParseASAShowVersion(s string) (ASAVersion, error) {
	var v ASAVersion
	found := false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		if i := strings.Index(t, asaVersionMarker); i >= 0 && !found {
			found = true
			rest := t[i+len(asaVersionMarker):]
			v.UserContext = strings.Contains(rest, "<context>")
			v.VersionRaw = field(firstToken(rest))
			v.Version = NormalizeASAVersion(v.VersionRaw)
			return true
		}
		asaVersionLine(&v, t)
		return true
	})
	if !found {
		if asaUnsupported(s) {
			return v, fmt.Errorf("parse show version: %w", ErrUnsupported)
		}
		return v, fmt.Errorf("parse show version: %w: no %q line", ErrUnrecognized, strings.TrimSpace(asaVersionMarker))
	}
	return v, nil
}

// asaVersionLine reads one trimmed line of show version other than the
// version line.
func asaVersionLine(v *ASAVersion, t string) {
	key, val, colon := strings.Cut(t, ":")
	key = strings.Join(strings.Fields(key), " ")
	val = strings.TrimSpace(val)
	switch {
	case strings.HasPrefix(t, "Firepower Extensible Operating System Version ") || strings.HasPrefix(t, "SSP Operating System Version "):
		v.FXOSVersionRaw = field(firstToken(t[strings.LastIndex(t, "Version ")+len("Version "):]))
		v.FXOSVersion = NormalizeASAVersion(v.FXOSVersionRaw)
	case strings.HasPrefix(t, "Device Manager Version "):
		v.DeviceManager = field(firstToken(strings.TrimPrefix(t, "Device Manager Version ")))
	case strings.HasPrefix(t, "Compiled on "):
		if f := strings.Fields(t); len(f) >= 4 {
			v.CompileDate = field(f[3])
		}
	case strings.HasPrefix(t, "System image file is "):
		v.Image = field(strings.Trim(strings.TrimPrefix(t, "System image file is "), `" `))
	case strings.HasPrefix(t, "Config file at boot was "):
		v.BootConfig = field(strings.Trim(strings.TrimPrefix(t, "Config file at boot was "), `" `))
	case strings.HasPrefix(t, "Configuration register is "):
		rest := strings.TrimPrefix(t, "Configuration register is ")
		v.ConfigRegister = field(firstToken(rest))
		if _, next, ok := strings.Cut(rest, "(will be "); ok {
			v.ConfigRegisterNext = field(firstToken(next))
		}
	case strings.HasPrefix(t, "Configuration last modified by "):
		v.LastModified = field(strings.TrimPrefix(t, "Configuration last modified by "))
	case colon && key == "Hardware" && v.Hardware == "":
		v.Hardware = field(strings.TrimSpace(strings.TrimSuffix(val, ",")))
		m, _, _ := strings.Cut(v.Hardware, ",")
		v.Model = field(strings.TrimSpace(m))
	case colon && key == "Model Id":
		v.ModelID = field(firstToken(val))
	case colon && key == "Serial Number" && v.Serial == "":
		v.Serial = field(firstToken(val))
	case colon && key == "ROMMON Version":
		v.ROMMON = field(val)
	case colon && strings.HasPrefix(key, "FPGA ") && strings.HasSuffix(key, " Version") && len(v.FPGA) < maxComponents:
		v.FPGA = append(v.FPGA, field(key+" "+val))
	case colon && strings.EqualFold(key, "Image type"):
		v.ImageType = field(val)
	case colon && strings.EqualFold(key, "Key Version"):
		v.KeyVersion = field(val)
	case colon && (key == "Last reload reason" || key == "Reload reason"):
		v.ReloadReason = field(val)
	default:
		asaUptimeLine(v, t)
	}
}

// asaUptimeLine reads "asa1 up 41 days 19 hours": the first such line is
// the unit's; "failover cluster up …" is the pair's and is skipped.
func asaUptimeLine(v *ASAVersion, t string) {
	host, up, ok := strings.Cut(t, " up ")
	if !ok || v.Hostname != "" || strings.HasPrefix(strings.ToLower(t), "failover cluster") || strings.ContainsAny(host, " \t:") || host == "" {
		return
	}
	secs, ok := parseASAUptime(up)
	if !ok {
		return
	}
	v.Hostname, v.Uptime, v.UptimeSeconds = field(host), field(strings.TrimSpace(up)), secs
}

// parseASAUptime turns "1 year 97 days", "41 days 19 hours" or "2 hours 5
// mins" into seconds; ok is false when the text is not such a duration.
func parseASAUptime(s string) (int64, bool) {
	f := strings.Fields(s)
	if len(f) == 0 || len(f)%2 != 0 || len(f) > 12 {
		return 0, false
	}
	var total int64
	for i := 0; i < len(f); i += 2 {
		if len(f[i]) > 9 {
			return 0, false
		}
		n, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil || n < 0 {
			return 0, false
		}
		unit := strings.ToLower(f[i+1])
		var mult int64
		switch {
		case strings.HasPrefix(unit, "year"):
			mult = 365 * 24 * 3600
		case strings.HasPrefix(unit, "week"):
			mult = 7 * 24 * 3600
		case strings.HasPrefix(unit, "day"):
			mult = 24 * 3600
		case strings.HasPrefix(unit, "hour"):
			mult = 3600
		case strings.HasPrefix(unit, "min"):
			mult = 60
		case strings.HasPrefix(unit, "sec"):
			mult = 1
		default:
			return 0, false
		}
		total += n * mult
	}
	return total, true
}

// NormalizeASAVersion writes an ASA / FXOS release the way Cisco's
// advisories do: 9.16(4)85 → 9.16.4.85, 9.12(3) → 9.12.3, 2.10(1.3000) →
// 2.10.1.3000, 9.8(3.21) → 9.8.3.21. Text in another shape is returned
// unchanged (already dotted, or not a release).
func NormalizeASAVersion(raw string) string {
	open := strings.IndexByte(raw, '(')
	closing := strings.IndexByte(raw, ')')
	if open <= 0 || closing < open+2 || strings.Count(raw, "(") != 1 || strings.Count(raw, ")") != 1 {
		return raw
	}
	head, inner, tail := raw[:open], raw[open+1:closing], raw[closing+1:]
	if !dottedDigits(head) || !dottedDigits(inner) || tail != "" && !isDigits(tail) {
		return raw
	}
	out := head + "." + inner
	if tail != "" {
		out += "." + tail
	}
	return out
}

// dottedDigits: "9.16", "4", "1.3000".
func dottedDigits(s string) bool {
	for _, p := range strings.Split(s, ".") {
		if p == "" || !isDigits(p) {
			return false
		}
	}
	return true
}
