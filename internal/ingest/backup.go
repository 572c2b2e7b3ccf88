package ingest

import (
	"strings"

	"fwaudit/internal/platform"
)

// The commands a backup file's sections stand in for.
const (
	cmdShowVersion   = "show version"
	cmdShowBoot      = "show boot"
	cmdShowBootvar   = "show bootvar"
	cmdShowInventory = "show inventory"
	cmdRunningBoot   = "show running-config | include boot|config-register"
	cmdJunosHardware = "show chassis hardware"
)

// Backup kinds (Device.Backup).
const (
	KindRANCID        = "rancid"
	KindOxidizedIOS   = "oxidized-ios"
	KindOxidizedNXOS  = "oxidized-nxos"
	KindOxidizedJunos = "oxidized-junos"
)

// Fact names of Backup.Unkept.
const (
	FactROMMON         = "rommon"
	FactConfigRegister = "config_register"
	FactImage          = "image"
)

// Backup is a config-backup file turned back into the command outputs the
// platform parsers read.
type Backup struct {
	Kind    string
	Outputs platform.Outputs
	// Unkept says, per fact the audit needs (FactROMMON, ...), why this
	// format may not have kept it: when the parsed facts lack it, ingest
	// says so instead of judging the device clean.
	Unkept map[string]string
}

// ParseBackup reads a config-backup file as RANCID or Oxidized write it:
//
//   - RANCID (`!RANCID-CONTENT-TYPE:` first, rancid's lib/ios.pm): show
//     version is kept as "!"-prefixed summary lines (parseRANCID);
//   - Oxidized, IOS model (lib/oxidized/model/ios.rb, comment "! "): show
//     version rewritten into summary comments above the configuration
//     (parseOxidizedIOS);
//   - Oxidized, NX-OS model (nxos.rb, "! "): show version verbatim as
//     comments up to its uptime line, then show inventory;
//   - Oxidized, Junos model (junos.rb, "# "): show version and show chassis
//     hardware verbatim as comments.
func ParseBackup(text string) Backup {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	switch {
	case strings.HasPrefix(text, "!RANCID-CONTENT-TYPE") || strings.Contains(text, "\n!RANCID-CONTENT-TYPE"):
		return parseRANCID(text)
	case strings.HasPrefix(text, "#RANCID-CONTENT-TYPE") || strings.HasPrefix(text, "!RANCID-CONTENT-TYPE"):
		// Another RANCID type (juniper, cisco-nx, arista …): its summary
		// comments are not read, so nothing is judged from it.
		return Backup{Kind: KindRANCID, Outputs: platform.Outputs{}}
	case strings.HasPrefix(text, "# "):
		return parseOxidizedJunos(text)
	}
	head := commentBlock(text, "! ")
	for _, l := range head {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "Cisco Nexus Operating System") || strings.HasPrefix(t, "NXOS: version") ||
			strings.HasPrefix(t, "kickstart: version") || strings.HasPrefix(t, "NXOS image file is:") {
			return parseOxidizedNXOS(text, head)
		}
	}
	return parseOxidizedIOS(text, head)
}

// SplitBackup is ParseBackup's outputs and kind.
func SplitBackup(text string) (platform.Outputs, string) {
	b := ParseBackup(text)
	return b.Outputs, b.Kind
}

// commentBlock is the leading run of prefix-commented lines (the model's
// comment sections), without the prefix. Oxidized writes an empty line of
// an output as the prefix alone ("! "); a bare "!" is configuration.
func commentBlock(text, prefix string) []string {
	var out []string
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\n")
		if !strings.HasPrefix(line, prefix) {
			return out
		}
		out = append(out, line[len(prefix):])
	}
	return out
}

// afterBlock is the text after the leading comment block (the
// configuration).
func afterBlock(text string, n int) string {
	var b strings.Builder
	i := 0
	for line := range strings.Lines(text) {
		if i >= n {
			b.WriteString(line)
		}
		i++
	}
	return b.String()
}

// bootLines keeps the configuration lines a boot audit reads: boot system
// and config-register.
func bootLines(cfg string) string {
	var b strings.Builder
	for line := range strings.Lines(cfg) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "boot ") || strings.HasPrefix(t, "boot-") || strings.HasPrefix(t, "config-register ") {
			b.WriteString(strings.TrimRight(line, "\n") + "\n")
		}
	}
	return b.String()
}
