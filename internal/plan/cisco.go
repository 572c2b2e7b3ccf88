package plan

import (
	"fmt"
	"net/netip"
	"strings"

	"fwaudit/internal/baseline"
)

// Steps shared by the IOS-family CLIs (IOS, IOS XE, and EOS, which copies
// their syntax for copy, verify and boot system).

// copyVerify copies file from the image source into fs (unless present)
// and checks it against the baseline's sha512 with the device's verify.
func copyVerify(t target, fs, file, sha512 string, present bool) []Step {
	file = t.name(file)
	var out []Step
	if !present {
		out = append(out, Step{Phase: PhaseStage, Title: "Copy " + file + " to " + fs, Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("copy %s %s%s", t.source(file), fs, file)},
			Expect:    "the copy ends with `[OK - N bytes]` or `N bytes copied`",
			IfDiffers: fmt.Sprintf("check free space (`dir %s`) and the source URL; delete a partial copy (`delete /force %s%s`) and copy again", fs, fs, file)})
	}
	out = append(out, Step{Phase: PhaseStage, Title: "Verify " + file + " against the baseline sha512", Mode: ModeExec,
		Commands:    []string{fmt.Sprintf("verify /sha512 %s%s %s", fs, file, sha512)},
		Expect:      fmt.Sprintf("`Verified (%s%s) = %s`", fs, file, sha512),
		IfDiffers:   fmt.Sprintf("`%%Error verifying` means the file is not the approved build: stop, delete it (`delete /force %s%s`), copy it again from a source you trust and compare off the box (`sha512sum %s` on the image server)", fs, file, file),
		Note:        "[K] the exact success line of verify /sha512 with an expected hash is unconfirmed. A compromised device can print a matching hash: the off-box hash of the re-audit is the proof that counts.",
		Unconfirmed: true})
	return out
}

// ciscoQuarantine copies a tampered file off the box as evidence, then
// renames it out of the boot path (it is kept, not deleted).
func ciscoQuarantine(t target, fs, file string) []Step {
	file = t.name(file)
	return []Step{
		{Phase: PhaseEvidence, Title: "Copy the tampered " + file + " off the box", Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("copy %s%s %s", fs, file, t.evidence(file))},
			Expect:    "the copy completes; hash it off the box (`sha512sum`) and keep it with the case",
			IfDiffers: "keep the file on the device and continue: the rename below still takes it out of the boot path"},
		{Phase: PhaseStage, Title: "Rename the tampered " + file + " out of the boot path", Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("rename %s%s %s%s.suspect", fs, file, fs, file)},
			Expect:    fmt.Sprintf("`dir %s` lists %s.suspect and no %s", fs, file, file),
			IfDiffers: "the file may be in use (running image): continue; the copy below then asks to overwrite it, answer no and stop"},
	}
}

// ciscoBoot points the boot variable at image, and only at it.
func ciscoBoot(t target, fs, image, show string) []Step {
	image = t.name(image)
	return []Step{{Phase: PhaseRevert, Title: "Point the boot variable at " + image, Mode: ModeConfig,
		Commands:  []string{"configure terminal", "no boot system", fmt.Sprintf("boot system %s%s", fs, image), "end"},
		Expect:    fmt.Sprintf("no error; `show running-config | include ^boot system` prints only `boot system %s%s`", fs, image),
		IfDiffers: "a boot system line that comes back after `no boot system` is configured elsewhere (a script, an EEM applet): stop and escalate",
		Note:      "In install mode (BOOT variable = packages.conf) boot the approved packages instead: `install add file " + fs + image + " activate commit` [K]. " + show}}
}

// ciscoRegister sets the configuration register.
func ciscoRegister(value string) []Step {
	return []Step{{Phase: PhaseRevert, Title: "Set the configuration register to " + value, Mode: ModeConfig,
		Commands:  []string{"configure terminal", "config-register " + value, "end"},
		Expect:    fmt.Sprintf("`show version | include register` prints `Configuration register is … (will be %s at next reload)` or `is %s`", value, value),
		IfDiffers: "a register that does not change, or changes back, is set by someone else: stop and escalate"}}
}

// ciscoSave writes the configuration and checks the next-boot settings.
func ciscoSave(t target, show string) []Step {
	return []Step{{Phase: PhaseRevert, Title: "Save the configuration", Mode: ModeExec,
		Commands:  []string{"write memory", show},
		Expect:    "`[OK]`; then the BOOT variable names only the approved image and the configuration register (at next reload) is approved",
		IfDiffers: "do not reload: the device would boot what it booted before; fix the boot variable or register first"}}
}

// ciscoReload reloads inside the change window.
func ciscoReload(t target, fs string, rommon bool) []Step {
	expect := "`Proceed with reload? [confirm]`, then the device boots the approved image"
	if rommon {
		expect += "; with a new ROMMON it boots twice (the first boot writes the new ROMMON, the second runs it): do not power-cycle in between"
	}
	return []Step{{Phase: PhaseReload, Title: "Reload inside the change window", Mode: ModeExec,
		Commands:   []string{"reload"},
		Expect:     expect,
		IfDiffers:  fmt.Sprintf("if it stops at `rommon 1 >`, boot from the console (`boot %s<approved image>`) and keep the device isolated; a failed ROMMON write needs the vendor's TAC", fs),
		Note:       "Only after every evidence step: a reload destroys volatile evidence (memory, running processes). Needs console access and an approved change window; on dual-RP systems reload the standby RP first.",
		Disruptive: true}}
}

// ciscoPost proves the result on the device; the re-audit follows.
func ciscoPost(t target, fs string, image *baseline.Image, rommonShow string) []Step {
	out := []Step{{Phase: PhaseVerify, Title: "Check what booted", Mode: ModeExec,
		Commands:  []string{"show version", rommonShow},
		Expect:    "the approved image is the system image file, the boot firmware (ROM / BOOTLDR / System Bootstrap) is " + t.approvedFirmware() + ", and the uptime shows this reload",
		IfDiffers: "the revert did not take: keep the device isolated and escalate"}}
	if image != nil {
		out = append(out, Step{Phase: PhaseVerify, Title: "Verify the running image against the baseline", Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("verify /sha512 %s%s %s", fs, t.name(image.File), image.SHA512)},
			Expect:    fmt.Sprintf("`Verified (%s%s) = %s`", fs, image.File, image.SHA512),
			IfDiffers: "escalate: the approved file changed on the device after it was staged",
			Note:      "[K] exact success line unconfirmed", Unconfirmed: true})
	}
	return out
}

// vtyACL restricts SSH to the management networks (IOS, IOS XE).
func vtyACL(t target) Option {
	permits, _ := permitLines(t, mgmtPlaceholder+" <wildcard>", func(_ int, p *netip.Prefix) string {
		if p == nil {
			return " permit " + mgmtPlaceholder + " <wildcard>"
		}
		return fmt.Sprintf(" permit %s %s", p.Addr(), wildcard(*p))
	})
	lines := append([]string{"configure terminal", "ip access-list standard FWAUDIT-MGMT"}, permits...)
	lines = append(lines, " deny any log", "line vty 0 15", " access-class FWAUDIT-MGMT in", "end")
	return Option{Title: "Restrict management access to the management networks", Mode: ModeConfig,
		When:     "the device stays in service while the case is open",
		Commands: lines,
		Expect:   "`show access-lists FWAUDIT-MGMT` lists the permits; a new SSH session from a management address works",
		Note:     "Keep the current session open until a new one from a management address works. Add an IPv6 access-class if the device is managed over IPv6."}
}

// wildcard is the inverse mask of an IPv4 prefix: /16 gives 0.0.255.255.
func wildcard(p netip.Prefix) string {
	w := uint32(0xffffffff) >> p.Bits()
	return netip.AddrFrom4([4]byte{byte(w >> 24), byte(w >> 16), byte(w >> 8), byte(w)}).String()
}

// isolate is the same on every platform: cut the device off at its
// neighbours, from the console, keeping it powered.
func isolate(t target) Option {
	return Option{Title: "Isolate the device", Mode: ModeConfig,
		When:     "the finding is confirmed or the device talks to unknown addresses; run on each neighbour, not on the suspect device",
		Commands: []string{"configure terminal", "interface <neighbour-port>", " shutdown", "end"},
		Expect:   "the device is unreachable in-band; its console still works",
		Note:     "Replace <neighbour-port> with the ports facing the device. Keep it powered: do not reload or power-cycle before evidence capture. Move it to a quarantine VLAN instead of shutting the ports if the case needs live traffic."}
}

// rotate is the credentials option: T1542.004 implants were installed
// with valid administrator credentials.
func rotate(t target) Option {
	return Option{Title: "Rotate the credentials used on this device", Mode: ModeExec,
		When:     "always after a confirmed finding: ROMMON implants have been installed with valid administrator credentials",
		Commands: []string{},
		Expect:   "new secrets in the vault; the old ones fail on every device that shared them",
		Note:     "Rotate in the credential store (the inventory names which entry this device uses); fwaudit never prints secrets. Check the other devices that share them: fwaudit audit " + t.Device + " --related."}
}

func joinNote(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
