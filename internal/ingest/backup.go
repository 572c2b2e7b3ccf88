package ingest

import (
	"strings"

	"fwaudit/internal/platform"
)

// The commands a backup file's sections stand in for.
const (
	cmdShowVersion = "show version"
	cmdShowBootvar = "show bootvar"
	cmdRunningBoot = "show running-config | include boot|config-register"
)

// SplitBackup turns a config-backup file into the outputs the Cisco IOS
// and IOS XE parsers read, and says which tool wrote it:
//
//   - RANCID ("!RANCID-CONTENT-TYPE", "!Image:", "!ROM Bootstrap:" lines)
//     keeps show version as "!"-prefixed summary lines; they are mapped back
//     to show version lines ("!Image: Software: X, V, ..." to "Cisco IOS
//     Software, X, Version V, ...", "!Image: flash:x.bin" to System image file
//     is, "!ROM Bootstrap: Version V" to "ROM: System Bootstrap, Version V",
//     "!Serial Number:" to Processor board ID, "!Variable: BOOT=" to the BOOT
//     variable).
//   - Oxidized (IOS model) keeps show version as "! " comment lines above
//     the configuration; the comment lines are show version, the rest is the
//     running configuration (boot system, config-register).
//
// kind is "rancid" or "oxidized".
func SplitBackup(text string) (platform.Outputs, string) {
	if strings.Contains(text, "!RANCID-CONTENT-TYPE") || strings.Contains(text, "\n!Image:") {
		return splitRANCID(text), "rancid"
	}
	return splitOxidized(text), "oxidized"
}

func splitRANCID(text string) platform.Outputs {
	var ver, bootvar, cfg strings.Builder
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		c, isComment := strings.CutPrefix(line, "!")
		switch {
		case !isComment:
			cfg.WriteString(line + "\n")
		case strings.HasPrefix(c, "Image: Software: "):
			rest := c[len("Image: Software: "):]
			if name, more, ok := strings.Cut(rest, ", "); ok {
				ver.WriteString("Cisco IOS Software, " + name + ", Version " + more + "\n")
			}
		case strings.HasPrefix(c, "Image: ") && !strings.Contains(c, "Compiled:") && strings.Contains(c, ":"):
			path := strings.TrimSpace(c[len("Image: "):])
			if strings.Contains(path, ":") && !strings.Contains(path, " ") {
				ver.WriteString("System image file is \"" + path + "\"\n")
			}
		case strings.HasPrefix(c, "ROM Bootstrap: "):
			ver.WriteString("ROM: System Bootstrap, " + c[len("ROM Bootstrap: "):] + "\n")
		case strings.HasPrefix(c, "ROM: "), strings.HasPrefix(c, "BOOTLDR: "):
			ver.WriteString(c + "\n")
		case strings.HasPrefix(c, "Serial Number: "):
			ver.WriteString("Processor board ID " + c[len("Serial Number: "):] + "\n")
		case strings.HasPrefix(c, "Chassis type: "):
			model, _, _ := strings.Cut(c[len("Chassis type: "):], " ")
			ver.WriteString("cisco " + model + " () processor\n")
		case strings.HasPrefix(c, "Variable: BOOT="):
			bootvar.WriteString("BOOT variable = " + c[len("Variable: BOOT="):] + "\n")
		case strings.HasPrefix(strings.TrimSpace(c), "Configuration register is "):
			ver.WriteString(strings.TrimSpace(c) + "\n")
			bootvar.WriteString(strings.TrimSpace(c) + "\n")
		}
	}
	out := platform.Outputs{cmdShowVersion: ver.String(), cmdRunningBoot: cfg.String()}
	if bootvar.Len() > 0 {
		out[cmdShowBootvar] = bootvar.String()
	}
	return out
}

func splitOxidized(text string) platform.Outputs {
	var ver, cfg strings.Builder
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case strings.HasPrefix(line, "! "):
			ver.WriteString(line[2:] + "\n")
		case line == "!":
			ver.WriteString("\n")
		default:
			cfg.WriteString(line + "\n")
		}
	}
	return platform.Outputs{cmdShowVersion: ver.String(), cmdRunningBoot: cfg.String()}
}
