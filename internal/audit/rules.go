package audit

// Rule IDs. This table is the only place they are written; other packages
// and tests use these constants.
const (
	ROM001   = "ROM-001"
	ROM003   = "ROM-003"
	REL002   = "REL-002"
	IMG001   = "IMG-001"
	IMG002   = "IMG-002"
	BOOT001  = "BOOT-001"
	BOOT002  = "BOOT-002"
	SSH001   = "SSH-001"
	SSH002   = "SSH-002" // hygiene.go: device needs legacy SSH algorithms
	BASE001  = "BASE-001"
	PARSE001 = "PARSE-001"
	ROM002   = "ROM-002"   // history.go
	ROM004   = "ROM-004"   // history.go: ROMMON downgrade
	IMG005   = "IMG-005"   // history.go: image changed
	IMG006   = "IMG-006"   // history.go: image downgrade
	BOOT003  = "BOOT-003"  // history.go: boot variable / register changed
	REL001   = "REL-001"   // history.go
	LOG001   = "LOG-001"   // logs.go
	LOG002   = "LOG-002"   // logs.go
	IMG003   = "IMG-003"   // img_offbox.go: the device's verify lies
	IMG004   = "IMG-004"   // img_offbox.go: approved image missing or size differs
	FILE001  = "FILE-001"  // files.go: unexpected executable file on storage
	SIG001   = "SIG-001"   // authenticity.go: image not signed with a release key
	BIV001   = "BIV-001"   // biv.go: measurement not in the known-good values
	BIV002   = "BIV-002"   // biv.go: signature, chain or nonce does not verify
	BIV003   = "BIV-003"   // biv.go: PCR does not recompute from the printed hashes
	ROM005   = "ROM-005"   // rom_region.go: running / booting an unapproved upgrade ROMMON region
	PLAT001  = "PLAT-001"  // platform.go: the device is not the platform the inventory declares
	FACT001  = "FACT-001"  // withheld.go: a fact the history, the platform or the baseline expects is not reported
	SNMP001  = "SNMP-001"  // channel.go: the configured SNMP channel failed, the cross-checks were not made
	HW001    = "HW-001"    // firewall.go: hardware cannot attest its boot chain (no Secure Boot)
	ROM006   = "ROM-006"   // firewall.go: firmware_update.log: a fixed image removed a ROMMON implant
	MEM001   = "MEM-001"   // firewall.go: running text segment differs from the known-good value
	MEM002   = "MEM-002"   // firewall.go: implant indicators (lina_cs, lina regions, CISA pattern, checkheaps)
	LOG003   = "LOG-003"   // firewall.go: the device's logging is disabled
	CRASH001 = "CRASH-001" // firewall.go: crash files or a crash reload
	ADV001   = "ADV-001"   // advisory.go: release affected by a known-exploited advisory
	BOOT004  = "BOOT-004"  // install.go: install-mode software activated but not committed
	BOOT005  = "BOOT-005"  // install.go: ROMMON's BOOT variable differs from the IOS boot settings
)

// ATT&CK techniques the rules defend against.
const (
	techROMMONkit         = "T1542.004" // Pre-OS Boot: ROMMONkit
	techAiTM              = "T1557"     // Adversary-in-the-Middle
	techPatchImage        = "T1601.001" // Modify System Image: Patch System Image
	techDowngrade         = "T1601.002" // Modify System Image: Downgrade System Image
	techIndicatorBlocking = "T1562.006" // Impair Defenses: Indicator Blocking
	techExploitPublic     = "T1190"     // Exploit Public-Facing Application
)

// Rule is one entry of the catalogue.
type Rule struct {
	ID        string
	Title     string
	Severity  Severity // default; a rule may lower it for a weaker case (PARSE-001)
	Technique string
	check     func(Input, Rule) []Finding
}

// rules is the catalogue, in DESIGN.md order. Not yet implemented: ROM-002,
// ROM-003, IMG-003, IMG-004, REL-001, LOG-001, LOG-002, BIV-001.
var rules = []Rule{
	{ROM001, "ROMMON / boot-loader version not approved for the model", High, techROMMONkit, checkROMMONApproved},
	{ROM003, "CLI and SNMP disagree about the ROMMON / firmware version", Critical, techROMMONkit, checkROMMONChannels},
	{IMG001, "running image not in the approved list", High, techROMMONkit, checkRunningImage},
	{IMG002, "image hash differs from the approved sha512", Critical, techROMMONkit, checkImageHash},
	{BOOT001, "boot variable points at an image not approved", High, techROMMONkit, checkBootSystem},
	{BOOT002, "configuration register not the expected one", High, techROMMONkit, checkConfigRegister},
	{SSH001, "host key differs from the pinned one (credentials were not sent)", Critical, techAiTM, checkHostKey},
	{SSH002, "device needs legacy SSH algorithms", Low, "", checkLegacySSH},
	{BASE001, "no baseline for model", Info, "", checkNoBaseline},
	{PARSE001, "could not read the boot chain", Medium, "", checkParsed},
	{ROM002, "ROMMON version changed since the last snapshot, outside any change window", Critical, techROMMONkit, checkROMMONChanged},
	{ROM004, "ROMMON downgraded relative to history", High, techDowngrade, checkROMMONDowngrade},
	{IMG005, "running image changed since the last snapshot, outside any change window", High, techPatchImage, checkImageChanged},
	{IMG006, "image downgraded relative to history", High, techDowngrade, checkImageDowngrade},
	{BOOT003, "boot variable or configuration register changed, outside any change window", High, techPatchImage, checkBootChanged},
	{BOOT004, "software activated but not committed: the next reload rolls it back, outside any change window", Medium, techPatchImage, checkUncommittedInstall},
	{BOOT005, "ROMMON BOOT variable differs from the boot variable IOS reports", High, techROMMONkit, checkROMMONBootVariable},
	{REL001, "reload since the last snapshot, outside any change window", Medium, techROMMONkit, checkReload},
	{REL002, "CLI and SNMP disagree about the last reload", Medium, techROMMONkit, checkReloadChannels},
	{LOG001, "login or transfer from a source outside the management networks", High, techROMMONkit, checkLogSources},
	{LOG002, "firmware transfer, ROMMON upgrade or image copy outside any change window", High, techROMMONkit, checkLogTransfers},
	{IMG003, "off-box hash differs from what the device's own verify prints (the device lies)", Critical, techPatchImage, checkOffboxVsDevice},
	{IMG004, "approved image missing, or size differs", Medium, techPatchImage, checkApprovedImagePresent},
	{FILE001, "unexpected image or firmware package on the device's storage", High, techROMMONkit, checkUnexpectedFiles},
	{SIG001, "image not signed with a release key", High, techPatchImage, checkImageSigning},
	{BIV001, "boot-integrity measurement not in the known-good values", Critical, techROMMONkit, checkKnownGood},
	{BIV002, "boot-integrity signature, certificate chain or nonce does not verify", Critical, techROMMONkit, checkIntegritySignature},
	{BIV003, "boot-integrity PCR does not recompute from the reported hashes", Critical, techROMMONkit, checkPCRs},
	{ROM005, "ROMMON runs (or will boot) from an upgrade region that is not approved", High, techROMMONkit, checkROMMONRegion},
	{FACT001, "fact withheld: its history, its platform or the baseline says it is there, this audit did not get it", High, techROMMONkit, checkWithheld},
	{SNMP001, "evidence channel lost: SNMP is configured but failed, so the CLI was not cross-checked", Medium, techROMMONkit, checkSNMPChannel},
	{HW001, "hardware cannot attest its boot chain (no Secure Boot / Trust Anchor)", High, techROMMONkit, checkHardwareTrust},
	{ROM006, "firmware_update.log on the device: a fixed release found and removed a ROMMON implant", Critical, techROMMONkit, checkFirmwareUpdateLog},
	{MEM001, "running text segment differs from the known-good value for the model and release", High, techPatchImage, checkTextSegment},
	{MEM002, "implant indicator in the running firewall (lina_cs, extra lina region, CISA pattern, stalled checkheaps)", Critical, techPatchImage, checkImplantIndicators},
	{LOG003, "device logging disabled, or no remote syslog destination", High, techIndicatorBlocking, checkLoggingDisabled},
	{CRASH001, "crash files, a saved crash or a crash reload on the device", Medium, "", checkCrashes},
	{ADV001, "release affected by a known-exploited advisory", Critical, techExploitPublic, checkAdvisories},
	{PLAT001, "device is not the platform the inventory declares: not audited with the wrong parsers", Info, "", checkPlatformMatch},
}

// Rules returns the catalogue of implemented rules.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// Lookup returns the rule with id.
func Lookup(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Evaluate runs every rule on in and returns the findings sorted by severity
// then rule ID; the order is deterministic. Every string is safe to print.
func Evaluate(in Input) []Finding {
	var out []Finding
	if platformMismatch(in) {
		// The facts came from the wrong parsers: no other rule may judge
		// them, and no incident playbook follows from them.
		r, _ := Lookup(PLAT001)
		out = r.check(in, r)
		for i := range out {
			out[i].sanitize()
		}
		return out
	}
	for _, r := range rules {
		out = append(out, r.check(in, r)...)
	}
	for i := range out {
		out[i].sanitize()
	}
	sortFindings(out)
	return out
}

// finding starts a finding of rule r with its catalogue fields.
func (r Rule) finding(observed, expected, evidence string) Finding {
	return Finding{Rule: r.ID, Title: r.Title, Severity: r.Severity, Technique: r.Technique,
		Observed: observed, Expected: expected, Evidence: evidence}
}
