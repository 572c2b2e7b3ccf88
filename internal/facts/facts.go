package facts

// Source says which channel a fact came from. A device can lie in one channel
// and not in another, so every version and hash keeps its source.
type Source string

const (
	SourceCLI    Source = "cli"    // parsed from the device's own CLI output
	SourceSNMP   Source = "snmp"   // read over SNMP
	SourceDevice Source = "device" // a hash the device computed itself (verify /sha512)
	SourceOffbox Source = "offbox" // a hash fwaudit computed from bytes it streamed off the box
)

// Facts is everything one audit learned about one device, from every channel.
// Parsers fill it; rules read it. It is pure data: no I/O, no methods that talk
// to anything.
type Facts struct {
	Hostname  string `json:"hostname,omitempty"`
	Model     string `json:"model"`
	Serial    string `json:"serial"`
	OSVersion string `json:"os_version"`
	// OSVersionRaw is the version as the device printed it when OSVersion
	// is a normalized form (ASA 9.16(4)85 → OSVersion 9.16.4.85); else "".
	OSVersionRaw     string      `json:"os_version_raw,omitempty"`
	Image            string      `json:"image"` // running image with its file-system prefix, e.g. bootflash:x.bin
	ROMMON           []Component `json:"rommon"`
	Boot             BootConfig  `json:"boot"`
	UptimeSeconds    int64       `json:"uptime_seconds"`
	LastReloadReason string      `json:"last_reload_reason"`
	ImageHashes      []ImageHash `json:"image_hashes"`
	Files            []File      `json:"files,omitempty"` // directory listing of the boot file system
	HostKeySHA256    string      `json:"host_key_sha256"`

	// Per-channel and per-issue detail, each type in its own file.
	ROMRegions *ROMRegions `json:"rom_regions,omitempty"` // rom.go: read-only / upgrade ROMMON regions
	SNMP       *SNMP       `json:"snmp,omitempty"`        // snmp.go: what the SNMP agent said
	Logs       []LogEvent  `json:"logs,omitempty"`        // log.go: security-relevant log events
	// LogsDropped counts security-relevant log events past the parser's
	// cap (logparse.MaxEvents), not kept and so not judged (PARSE-001).
	LogsDropped int            `json:"logs_dropped,omitempty"`
	Integrity   *BootIntegrity `json:"integrity,omitempty"`   // integrity.go: signed boot measurements, image signature
	Logging     *Logging       `json:"logging,omitempty"`     // firewall.go: the device's logging state (ASA show logging)
	Firewall    *Firewall      `json:"firewall,omitempty"`    // firewall.go: ASA context, FXOS, runtime indicators, crashes
	Install     *Install       `json:"install,omitempty"`     // install.go: IOS XE install-mode packages and commit state
	ROMMONVars  []Variable     `json:"rommon_vars,omitempty"` // install.go: ROMMON environment variables (show romvar)
}

// Component is the boot firmware (ROMMON, boot loader, BIOS, Aboot) of one
// part of the device: a route processor, a slot, a supervisor.
type Component struct {
	Name    string `json:"component"`        // R0, F0, 0, chassis, ...
	Version string `json:"version"`          // as the channel printed it (raw, for evidence); compare with release.Same
	Source  Source `json:"source"`           // cli or snmp
	Origin  string `json:"origin,omitempty"` // the command or OID it was read from
}

// BootConfig is what the device will boot next time.
type BootConfig struct {
	System             []string `json:"system"`               // BOOT variable / boot system entries, in order, retries removed
	ConfigRegister     string   `json:"config_register"`      // now, e.g. 0x2102
	ConfigRegisterNext string   `json:"config_register_next"` // at next reload, when it differs; else ""
}

// ImageHash is one hash of one file, with who computed it.
type ImageHash struct {
	File   string `json:"file"` // as named on the device, with prefix (bootflash:x.bin)
	SHA512 string `json:"sha512"`
	// SHA256 is set instead of SHA512 where the device can only give
	// SHA-256 (Junos `file checksum sha-256`).
	SHA256 string `json:"sha256,omitempty"`
	Source Source `json:"source"` // device or offbox
}

// File is one entry of a directory listing.
type File struct {
	Name string `json:"name"` // with prefix, e.g. bootflash:x.bin
	Size int64  `json:"size"`
}
