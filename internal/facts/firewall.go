package facts

// Firewall holds what a Cisco ASA (and later FTD / FXOS) reports beyond the
// boot chain the other platforms share: the execution context that was
// read, the FXOS / SSP supervisor version, hardware trust hints, the
// runtime implant indicators of the forensic guides, the syslog state and
// crash evidence. Every list is nil when its command was not run; the Read
// flags say a command answered, so an empty answer (a clean device) is told
// apart from a missing one (fail closed: FACT-001 judges absence).
type Firewall struct {
	// ContextMode is "single" or "multiple" (`show mode`); Context is the
	// context the platform checks were read in: "system" after `changeto
	// system`, a context name when only a user context was reachable, ""
	// in single mode.
	ContextMode string `json:"context_mode,omitempty"`
	Context     string `json:"context,omitempty"`
	// FXOSVersion is the FXOS / SSP operating-system version printed by
	// show version on Firepower hardware, normalized like OSVersion
	// (2.10(1.3000) → 2.10.1.3000); FXOSVersionRaw as printed.
	FXOSVersion    string `json:"fxos_version,omitempty"`
	FXOSVersionRaw string `json:"fxos_version_raw,omitempty"`
	// Hardware is the show version Hardware: text ("ASA5516, 8192 MB RAM, …").
	Hardware string `json:"hardware,omitempty"`
	// TrustHints are the lines that show Secure Boot / Trust Anchor at work
	// (a ROMMON verifier in show software authenticity, FPGA and ROMMON
	// version lines in show version). They are device-attested: a hint
	// proves nothing on a compromised box, its absence proves nothing on a
	// model that never prints it. HW-001 decides from the model.
	TrustHints []string `json:"trust_hints,omitempty"`
	// ConfigFile is the configuration the unit boots next (`boot config`,
	// show bootvar CONFIG_FILE; the boot images are in Facts.Boot.System)
	// and BootConfig show version's "Config file at boot was".
	ConfigFile string `json:"config_file,omitempty"`
	BootConfig string `json:"boot_config,omitempty"`
	// Signer is the signer of the running image (show software
	// authenticity running): organization, unit, common name, serial.
	Signer *Signer `json:"signer,omitempty"`
	// Keys are the public keys `show software authenticity keys` lists.
	Keys []SigningKey `json:"keys,omitempty"`
	// Runtime holds the memory and process indicators (MEM-001 / MEM-002).
	Runtime Runtime `json:"runtime"`
	// Crash is the crash evidence (CRASH-001).
	Crash *Crash `json:"crash,omitempty"`
}

// Signer is who signed an image.
type Signer struct {
	ImageType    string `json:"image_type,omitempty"` // Release | Development
	CommonName   string `json:"common_name,omitempty"`
	Organization string `json:"organization,omitempty"`
	Unit         string `json:"unit,omitempty"`
	Serial       string `json:"serial,omitempty"`
	KeyVersion   string `json:"key_version,omitempty"`
	Verifier     string `json:"verifier,omitempty"`         // Verifier Name, e.g. ROMMON
	VerifierVer  string `json:"verifier_version,omitempty"` // e.g. Cisco ROMMON,1.1.18
}

// SigningKey is one public key the device trusts for image signatures.
type SigningKey struct {
	Type      string `json:"type"`                // Release (Primary), Development (Primary), ...
	Algorithm string `json:"algorithm,omitempty"` // 2048-bit RSA
	Version   string `json:"version,omitempty"`   // Key Version
	Modulus   string `json:"modulus,omitempty"`   // upper hex, colons removed
}

// Runtime holds the in-memory indicators of the ASA forensic guides and of
// CISA's ED 25-03 hunt. Each Read flag is set when its command answered.
type Runtime struct {
	// TextSHA512 is the device's own `verify /sha-512 system:/text` (or
	// system:memory/text) of the running code segment; TextPath which path.
	TextSHA512 string `json:"text_sha512,omitempty"`
	TextPath   string `json:"text_path,omitempty"`
	// Processes are the kernel process lines that matched the hunt filter
	// (`show kernel process | include lina_cs`): any is FIRESTARTER.
	ProcessesRead bool     `json:"processes_read,omitempty"`
	Processes     []string `json:"processes,omitempty"`
	// Regions are the lina memory regions (`show memory region | include
	// lina`); more than one executable one is the Line Dancer indicator.
	RegionsRead bool        `json:"regions_read,omitempty"`
	Regions     []MemRegion `json:"regions,omitempty"`
	// PatternHits are the lines `more /binary system:/text | grep <CISA
	// pattern>` printed: any is CISA's "compromise detected".
	PatternRead bool     `json:"pattern_read,omitempty"`
	PatternHits []string `json:"pattern_hits,omitempty"`
	// Checkheaps are the `show checkheaps` samples, in collection order;
	// the run counter must move between two of them.
	Checkheaps []Checkheaps `json:"checkheaps,omitempty"`
}

// MemRegion is one memory mapping line: start-end perms ... path.
type MemRegion struct {
	Start string `json:"start"`
	End   string `json:"end"`
	Perms string `json:"perms"` // r-xp, rw-p, ...
	Size  int64  `json:"size"`  // end - start, bytes; 0 when not computable
	Path  string `json:"path,omitempty"`
}

// Executable reports whether the region maps code (x in its permissions).
func (r MemRegion) Executable() bool { return len(r.Perms) >= 3 && r.Perms[2] == 'x' }

// Checkheaps is one `show checkheaps` sample.
type Checkheaps struct {
	Runs          int64  `json:"runs"`              // Total number of runs
	ElapsedSecs   int64  `json:"elapsed_seconds"`   // Time elapsed since last run
	BufferErrors  int64  `json:"buffer_errors"`     // Number of buffer errors
	CheckErrors   int64  `json:"checkheaps_errors"` // Number of errors in checkheaps
	ValidatedBufs int64  `json:"buffers_validated"` // Number of buffers validated
	Origin        string `json:"origin,omitempty"`  // the Outputs key it was read from
}

// Crash is the crash evidence of one audit: crash files on the device's
// storage and what `show crashinfo` holds.
type Crash struct {
	Files []File `json:"files,omitempty"` // crashinfo_*, core*, coredumpfsys entries
	// Crashinfo is "present", "none" or "" (not read); Summary its first
	// telling lines (Thread Name, the reason).
	Crashinfo string   `json:"crashinfo,omitempty"`
	Summary   []string `json:"summary,omitempty"`
}

// Logging is the device's own logging configuration as its status command
// prints it (ASA `show logging` header). Nil when it was not read.
type Logging struct {
	// Syslog is "enabled" or "disabled" (the master switch).
	Syslog string `json:"syslog"`
	// Trap is the remote-syslog level ("informational") or "disabled";
	// Buffer the local buffer's, the same way.
	Trap   string `json:"trap,omitempty"`
	Buffer string `json:"buffer,omitempty"`
	// Hosts are the remote syslog servers it sends to.
	Hosts []LogHost `json:"hosts,omitempty"`
}

// LogHost is one remote syslog destination.
type LogHost struct {
	Interface string `json:"interface,omitempty"`
	Address   string `json:"address"`
	Transport string `json:"transport,omitempty"` // UDP | TCP
}
