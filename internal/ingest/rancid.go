package ingest

import (
	"strings"

	"fwaudit/internal/platform"
)

// parseRANCID reads what RANCID's cisco type (lib/ios.pm) writes: sorted
// "!"-prefixed summary comments, then the configuration, which starts with
// "config-register X" when show version printed a configuration register.
// The comments mapped back to show version lines:
//
//	!Chassis type: 1801                  cisco 1801 () processor …
//	!Serial Number: / !Processor ID:     Processor board ID …
//	!Image: Software: X, V               Cisco IOS Software, X Software (X), Version V
//	!Image: flash:x.bin, !Image: booted  System image file is "flash:x.bin"
//	!ROM Bootstrap: Version V            ROM: System Bootstrap, Version V
//	!ROM Image: …                        ROM: …
//	!BOOTLDR: Version V                  BOOTLDR: Version V
//	!BootFlash: / !Variable: LINE        show boot / show bootvar LINE
//
// RANCID drops a ROM line with no "Version" in it (a Catalyst 4500's
// "ROM: 12.2(44r)SG9") and keeps no uptime or reload reason.
func parseRANCID(text string) Backup {
	first, _, _ := strings.Cut(text[strings.Index(text, "!RANCID-CONTENT-TYPE"):], "\n")
	if typ := strings.TrimSpace(strings.TrimPrefix(first, "!RANCID-CONTENT-TYPE:")); typ != "cisco" && typ != "ios" {
		// Another RANCID type (cisco-nx, arista, …): its summary comments
		// are not read, so nothing is judged from it (PARSE-001).
		return Backup{Kind: KindRANCID, Outputs: platform.Outputs{}}
	}
	var ver, boot, cfg strings.Builder
	var model, mem, cpu, image string
	bootCmd := cmdShowBootvar
	xe := false
	inConfig := false
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\n")
		c, isComment := strings.CutPrefix(line, "!")
		if !isComment || inConfig {
			if !inConfig && strings.HasPrefix(line, "config-register ") {
				ver.WriteString("Configuration register is " + strings.TrimSpace(line[len("config-register "):]) + "\n")
			} else {
				inConfig = true
				cfg.WriteString(line + "\n")
			}
			continue
		}
		switch {
		case strings.HasPrefix(c, "Chassis type: "):
			model = firstWord(c[len("Chassis type: "):])
		case strings.HasPrefix(c, "Memory: main "):
			mem = firstWord(c[len("Memory: main "):])
		case strings.HasPrefix(c, "CPU: "):
			cpu, _, _ = strings.Cut(strings.TrimSpace(c[len("CPU: "):]), ",")
		case strings.HasPrefix(c, "Serial Number: "), strings.HasPrefix(c, "Serial number: "), strings.HasPrefix(c, "Processor ID: "):
			_, sn, _ := strings.Cut(c, ": ")
			ver.WriteString("Processor board ID " + strings.TrimSuffix(firstWord(sn), ",") + "\n")
		case strings.HasPrefix(c, "Image: Software: "):
			if name, v, ok := strings.Cut(c[len("Image: Software: "):], ", "); ok {
				if strings.Contains(name, "IOSXE") || strings.Contains(name, "IOSD") || strings.Contains(name, "IOS-XE") {
					xe = true
				}
				ver.WriteString("Cisco IOS Software, " + name + " Software (" + name + "), Version " + v + "\n")
			}
		case strings.HasPrefix(c, "Image: booted "):
			if image == "" {
				image = strings.TrimSpace(c[len("Image: booted "):])
			}
		case strings.HasPrefix(c, "Image: "):
			p := c[len("Image: "):]
			if image == "" && strings.Contains(p, ":") && !strings.ContainsAny(p, " \t") {
				image = p
			}
		case strings.HasPrefix(c, "ROM Bootstrap: "):
			ver.WriteString("ROM: System Bootstrap, " + c[len("ROM Bootstrap: "):] + "\n")
		case strings.HasPrefix(c, "ROM Image: "):
			ver.WriteString("ROM: " + c[len("ROM Image: "):] + "\n")
		case strings.HasPrefix(c, "BOOTLDR: "):
			ver.WriteString(c + "\n")
		case strings.HasPrefix(c, "BootFlash: "), strings.HasPrefix(c, "Variable: "):
			_, l, _ := strings.Cut(c, ": ")
			if strings.Contains(l, "path-list") {
				bootCmd = cmdShowBoot
			}
			boot.WriteString(l + "\n")
		}
	}
	if xe {
		ver.WriteString("Cisco IOS XE Software\n") // the image name says IOS XE; RANCID keeps no other line of it
	}
	if image != "" {
		ver.WriteString("System image file is \"" + image + "\"\n")
	}
	if model != "" {
		if mem == "" {
			mem = "0K"
		}
		ver.WriteString("cisco " + model + " (" + strings.TrimSpace(cpu) + ") processor with " + mem + " bytes of memory.\n")
	}
	out := platform.Outputs{cmdShowVersion: ver.String(), cmdRunningBoot: bootLines(cfg.String())}
	if boot.Len() > 0 {
		out[bootCmd] = boot.String()
	}
	return Backup{Kind: KindRANCID, Outputs: out, Unkept: map[string]string{
		FactROMMON:         "RANCID's ios.pm keeps a ROM line only when it carries \"Version\" (ROM Bootstrap, ROM Image, BOOTLDR)",
		FactConfigRegister: "RANCID writes config-register only when show version printed \"Configuration register is\"",
		FactImage:          "RANCID keeps the running image only from show version's \"System image file is\" line",
	}}
}
