package platform

import (
	"strings"

	"fwaudit/internal/facts"
)

// CiscoASA is the Cisco Adaptive Security Appliance (ASA 5500-X, ASAv,
// ASA on Firepower). Collection is read-only: `enable` and `terminal pager
// 0` on open (scrapli platform cisco_asa, internal/collect), never
// configuration mode; in multiple-context mode the checks run in the system
// context (`changeto system` after `show mode`). FTD and FXOS are detected
// (UnassessedPlatforms) but not audited.
var CiscoASA = Platform{
	Name:            "cisco_asa",
	ScrapliPlatform: "cisco_asa",
	Detection: Detection{
		ShowVersion:    []string{"Cisco Adaptive Security Appliance Software Version"},
		SNMPEnterprise: ciscoEnterprise,
		SysDescr:       []string{"Cisco Adaptive Security Appliance"},
		Prompt:         asaPrompt,
	},
	// Netmiko cisco_asa / cisco_asa_ssh, scrapli_community cisco_asa (our
	// name), Ansible cisco.asa.asa, Oxidized asa, NetBox slugs.
	Aliases:      []string{"asa", "cisco_asa_ssh", "cisco.asa.asa", "cisco-asa", "cisco_asa_os", "asa-os"},
	FileSystems:  asaFileSystems,
	OffBox:       OffBox{Files: asaBootFiles, Mounts: sameMounts(asaFileSystems...)},
	Commands:     asaCommands,
	AfterCommand: asaAfterCommand,
	FollowUp:     ASAFollowUp,
	Deep:         asaDeep,
	Parse:        ParseASA,
	Plan:         "cisco_asa",
	Lab:          "cisco_asa",
	// ROMMON = Fw Version of module 0/1 (show module); the running image (show version).
	MustYield: []facts.Fact{facts.FactROMMON, facts.FactImage},
}

// asaPrompt is "fw>" / "fw#", a multiple-context "fw/admin#" and the
// failover-aware "pri/act/fw#" (reference §3.1); never "fw(config)#".
const asaPrompt = `[\w.\-]{1,63}(?:/[\w.\-]{1,63}){0,3}[>#]`

// asaCommands run on every audit, show mode first so the system context
// is reached before the platform checks (forensic guide order otherwise).
var asaCommands = []string{
	ASAShowMode, ASAShowVersion, ASAShowModule, ASAShowInventory, ASAShowBootvar, ASAShowRunBoot,
	ASADirDisk0, ASAAuthRunning, ASAAuthKeys, ASAShowLogging, ASAKernelLinaCS, ASAMemRegionLina,
	ASAShowCrashinfo,
}

// asaDeep are the deep-mode steps (ED 25-03 hunt): the running text hash
// (system:memory/text where system:/text is rejected), the byte-pattern
// hunt, checkheaps twice with the collector's deep interval between, and
// the recursive listing of every file system.
var asaDeep = []Step{
	{Send: ASAVerifyText},
	{Send: ASAVerifyTextMemory, Skip: asaTextHashed},
	{Send: ASAPatternHunt},
	{Send: ASACheckheaps},
	{Send: ASACheckheaps, Key: ASACheckheapsRun(2), Wait: true},
	{Send: ASADirRecursive},
}

// asaTextHashed: system:/text gave a digest, so the fallback is not sent.
func asaTextHashed(out Outputs) bool {
	s, ok := out[ASAVerifyText]
	if !ok || asaUnsupported(s) {
		return false
	}
	h, err := ParseASAVerify(s)
	return err == nil && h.SHA512 != ""
}

// asaAfterCommand switches a multiple-context ASA to the system context
// once show mode said so; a user context cannot see the hardware.
func asaAfterCommand(cmd, output string) []string {
	if cmd != ASAShowMode {
		return nil
	}
	if m, err := ParseASAShowMode(output); err == nil && m == "multiple" {
		return []string{ASAChangetoSystem}
	}
	return nil
}

// asaBootFiles are the running image and the local boot entries, the files
// hashed off the box over the ASA's SCP server (`ssh scopy enable`).
func asaBootFiles(f facts.Facts) []string {
	return localBootFiles(f, func(p string) string {
		if !asaLocalFS(p) {
			return ""
		}
		return strings.TrimSpace(p)
	})
}
