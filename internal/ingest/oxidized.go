package ingest

import (
	"strings"

	"fwaudit/internal/platform"
)

// parseOxidizedIOS reads what Oxidized's IOS model writes: the first line of
// show version, then its summary comments, then the show vtp status and show
// inventory comments, then the running configuration. The summary keeps
//
//	Image: Software: C180X-ADVIPSERVICESK9-M, 12.4(6)T2, RELEASE SOFTWARE (fc1)
//	ROM Bootstrap: Version 12.3(8r)YH6, RELEASE SOFTWARE (fc1)
//	Image: flash:/c180x-advipservicesk9-mz.124-6.T2.bin
//	Chassis type: 1801
//	Memory: main 118784K/12288K
//	Processor ID: FHK102KKKKK,
//	CPU: MPC8500
//
// and drops the rest: the BOOTLDR line (the Catalyst boot loader), a ROM line
// without "Bootstrap … Version" (IOS XE's "ROM: IOS-XE ROMMON"), the
// configuration register, uptime and reload reason. Those lines are mapped
// back to the show version lines the IOS parsers read; what was dropped is
// named in Unkept.
func parseOxidizedIOS(text string, head []string) Backup {
	var ver, inv strings.Builder
	var model, cpu, mem, software string
	for i, c := range head {
		switch {
		case i == 0:
			ver.WriteString(c + "\n") // the first line of show version, verbatim
		case strings.HasPrefix(c, "Image: Software: "):
			if software == "" {
				software = c[len("Image: Software: "):]
			}
		case strings.HasPrefix(c, "Image: Slave:"), strings.HasPrefix(c, "Image: Compiled: "):
		case strings.HasPrefix(c, "Image: "):
			ver.WriteString("System image file is \"" + strings.TrimSpace(c[len("Image: "):]) + "\"\n")
		case strings.HasPrefix(c, "ROM Bootstrap: "):
			ver.WriteString("ROM: System Bootstrap, " + c[len("ROM Bootstrap: "):] + "\n")
		case strings.HasPrefix(c, "Chassis type: "):
			model = firstWord(c[len("Chassis type: "):])
		case strings.HasPrefix(c, "Memory: main "):
			mem = firstWord(c[len("Memory: main "):])
		case strings.HasPrefix(c, "CPU: "):
			cpu, _, _ = strings.Cut(strings.TrimSpace(c[len("CPU: "):]), ",")
		case strings.HasPrefix(c, "Processor ID: "):
			ver.WriteString("Processor board ID " + strings.TrimSuffix(firstWord(c[len("Processor ID: "):]), ",") + "\n")
		case strings.HasPrefix(c, "NAME: "), strings.HasPrefix(c, "PID: "):
			inv.WriteString(c + "\n")
		}
	}
	if len(head) > 0 && !strings.Contains(head[0], "Version") && software != "" {
		if name, v, ok := strings.Cut(software, ", "); ok {
			ver.WriteString("Cisco IOS Software, " + name + " Software (" + name + "), Version " + v + "\n")
		}
	}
	if model != "" {
		if mem == "" {
			mem = "0K"
		}
		ver.WriteString("cisco " + model + " (" + strings.TrimSpace(cpu) + ") processor with " + mem + " bytes of memory.\n")
	}
	out := platform.Outputs{cmdShowVersion: ver.String(), cmdRunningBoot: bootLines(afterBlock(text, len(head)))}
	if inv.Len() > 0 {
		out[cmdShowInventory] = inv.String()
	}
	return Backup{Kind: KindOxidizedIOS, Outputs: out, Unkept: map[string]string{
		FactROMMON: "Oxidized's ios model keeps only a \"ROM: … Bootstrap … Version\" line of show version; " +
			"it drops BOOTLDR (the Catalyst and IOS XE boot loader) and \"ROM: IOS-XE ROMMON\"",
		FactConfigRegister: "Oxidized's ios model drops show version's \"Configuration register is\" line, " +
			"and the saved configuration has no config-register line",
		FactImage: "Oxidized's ios model keeps the running image only from show version's \"System image file is\" line",
	}}
}

// parseOxidizedNXOS reads what Oxidized's NX-OS model writes: show version
// verbatim as "! " comments up to (not including) its first line with
// "uptime", then show inventory the same way, then the configuration.
func parseOxidizedNXOS(text string, head []string) Backup {
	var ver, inv strings.Builder
	inInventory := false
	for _, c := range head {
		if strings.HasPrefix(c, "NAME: ") {
			inInventory = true
		}
		if inInventory {
			inv.WriteString(c + "\n")
		} else {
			ver.WriteString(c + "\n")
		}
	}
	out := platform.Outputs{cmdShowVersion: ver.String()}
	if inv.Len() > 0 {
		out[cmdShowInventory] = inv.String()
	}
	return Backup{Kind: KindOxidizedNXOS, Outputs: out, Unkept: map[string]string{
		FactROMMON: "Oxidized's nxos model keeps show version only up to its uptime line",
		FactImage:  "Oxidized's nxos model keeps show version only up to its uptime line",
	}}
}

// parseOxidizedJunos reads what Oxidized's Junos model writes: show version
// and show chassis hardware (and license output) verbatim as "# " comments,
// then the configuration (show configuration | display omit). The model runs
// no show chassis firmware, so the boot firmware is never in the file.
func parseOxidizedJunos(text string) Backup {
	var ver, hw strings.Builder
	section := &ver
	for _, c := range commentBlock(text, "# ") {
		t := strings.TrimSpace(c)
		switch {
		case strings.HasPrefix(t, "Hardware inventory:"):
			section = &hw
		case strings.HasPrefix(t, "License usage:"), strings.HasPrefix(t, "Licenses installed:"),
			strings.HasPrefix(t, "License key identifier:"), strings.HasPrefix(t, "Virtual Chassis ID:"),
			strings.HasPrefix(t, "Fabric reachability"):
			section = nil
		case strings.HasPrefix(t, "Hostname:") || strings.HasPrefix(t, "Model:"):
			if section == nil {
				section = &ver
			}
		}
		if section != nil {
			section.WriteString(c + "\n")
		}
	}
	out := platform.Outputs{cmdShowVersion: ver.String()}
	if hw.Len() > 0 {
		out[cmdJunosHardware] = hw.String()
	}
	return Backup{Kind: KindOxidizedJunos, Outputs: out, Unkept: map[string]string{
		FactROMMON: "Oxidized's junos model runs no show chassis firmware: the boot firmware is not in the file",
	}}
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}
