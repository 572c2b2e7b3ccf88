package plan

import (
	"fmt"
	"net/netip"

	"fwaudit/internal/baseline"
)

// Arista EOS: the boot loader is Aboot; EOS images switch with boot system
// (vendor-integrity.md §6.8, §3.4). Aboot update steps are [K].
func eosRecipe() recipe {
	const fs = "flash:"
	return recipe{
		fs: fs, ansible: "arista.eos.eos",
		evidence:    eosEvidence,
		containment: func(t target) []Option { return []Option{eosACL(t), isolate(t), rotate(t)} },
		stage: func(t target, im baseline.Image, present bool) []Step {
			file, sha := im.File, im.SHA512
			return eosStage(t, file, sha, present)
		},
		quarantine: func(t target, file string) []Step {
			file = t.name(file)
			return []Step{
				{Phase: PhaseEvidence, Title: "Copy the tampered " + file + " off the box", Mode: ModeExec,
					Commands:  []string{fmt.Sprintf("copy flash:%s %s", file, t.evidence(file))},
					Expect:    "the copy completes; hash it off the box and keep it with the case",
					IfDiffers: "continue: the rename below still takes it out of the boot path"},
				{Phase: PhaseStage, Title: "Rename the tampered " + file + " out of the boot path", Mode: ModeExec,
					Commands:  []string{fmt.Sprintf("bash timeout 30 mv /mnt/flash/%s /mnt/flash/%s.suspect", file, file)},
					Expect:    "`dir flash:` lists " + file + ".suspect and no " + file,
					IfDiffers: "stop: continue only in the change window"},
			}
		},
		rommon: func(t target, pkg *baseline.Package) []Step {
			if pkg == nil {
				return nil
			}
			file := t.name(pkg.File)
			steps := eosStage(t, file, pkg.SHA512, false)
			return append(steps, Step{Phase: PhaseRevert, Title: "Install the approved Aboot", Mode: ModeConfig,
				Commands:    []string{"configure", "boot system flash:" + file, "end", "write memory"},
				Expect:      "`show boot-config` prints `Software image: flash:/" + file + "`; at the next reload the package flashes Aboot (" + t.approvedFirmware() + ")",
				IfDiffers:   "stop and follow Arista's instructions for this Aboot package",
				Note:        "[K] Aboot update procedure unconfirmed: follow the release notes of the package from Arista; after it, point boot system back at the approved EOS image.",
				Unconfirmed: true, Disruptive: true})
		},
		boot: func(t target, image string) []Step {
			image = t.name(image)
			return []Step{{Phase: PhaseRevert, Title: "Point the boot configuration at " + image, Mode: ModeConfig,
				Commands:  []string{"configure", "boot system flash:" + image, "end"},
				Expect:    "`show boot-config` prints `Software image: flash:/" + image + "`",
				IfDiffers: "stop and escalate: flash:/boot-config is being changed by someone else"}}
		},
		save: func(t target) []Step { return ciscoSave(t, "show boot-config") },
		reload: func(t target, rommon bool) []Step {
			s := ciscoReload(t, fs, rommon)
			s[0].IfDiffers = "if it stops at `Aboot#`, boot from the console (`boot flash:<approved image>`) and keep the device isolated"
			return s
		},
		post: func(t target, im *baseline.Image) []Step {
			out := []Step{{Phase: PhaseVerify, Title: "Check what booted", Mode: ModeExec,
				Commands:  []string{"show version detail", "show boot-config"},
				Expect:    "Aboot is " + t.approvedFirmware() + " and the software image is the approved one",
				IfDiffers: "the revert did not take: keep the device isolated and escalate",
				Note: "[K] the Aboot line of show version detail is unconfirmed; `bash cat /proc/cmdline` shows Aboot= too. " +
					"What fwaudit checks on EOS: Aboot (ROM-001; ROM-003 against SNMP), the running release against the version: of the approved images (IMG-001), " +
					"the show boot-config image by name (BOOT-001) and by the device's verify /sha512 (IMG-002), off-box hash of it when asked (IMG-003). " +
					"Not checked: the bytes of the SWI that is running (EOS names no running image file: the boot-config file is hashed), " +
					"Aboot's own integrity (EOS has no signed boot measurements: BIV-001/002/003 do not run), a configuration register (EOS has none).",
				Unconfirmed: true}}
			if im != nil {
				out = append(out, eosVerify(t.name(im.File), im.SHA512))
			}
			return out
		},
	}
}

func eosStage(t target, file, sha string, present bool) []Step {
	file = t.name(file)
	var out []Step
	if !present {
		out = append(out, Step{Phase: PhaseStage, Title: "Copy " + file + " to flash:", Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("copy %s flash:%s", t.source(file), file)},
			Expect:    "`Copy completed successfully.`",
			IfDiffers: "check free space (`dir flash:`) and the source URL"})
	}
	return append(out, eosVerify(file, sha))
}

func eosVerify(file, sha string) Step {
	return Step{Phase: PhaseStage, Title: "Verify " + file + " against the baseline sha512", Mode: ModeExec,
		Commands:    []string{"verify /sha512 flash:" + file},
		Expect:      fmt.Sprintf("`verify /sha512 (flash:%s) = %s`", file, sha),
		IfDiffers:   "the file is not the approved build: stop, delete it and copy it again from a source you trust",
		Note:        "[K] EOS verify output unconfirmed. A compromised device can print a matching hash: the off-box hash of the re-audit is the proof that counts.",
		Unconfirmed: true}
}

func eosEvidence(t target) []Step {
	img := t.name(t.runningImage())
	return []Step{
		{Phase: PhaseEvidence, Title: "Record the runtime state (before any change)", Mode: ModeExec,
			Commands: []string{"terminal length 0", "show clock", "show version detail", "show running-config", "show boot-config",
				"dir flash:", "show logging", "show users", "bash timeout 10 cat /proc/cmdline"},
			Expect:    "outputs saved to the case file; Aboot (in /proc/cmdline) and the software image as fwaudit reported",
			IfDiffers: "the device changed since the audit: save both, re-run fwaudit audit " + t.Device},
		{Phase: PhaseEvidence, Title: "Hash the running image on the box", Mode: ModeExec,
			Commands:  []string{"verify /sha512 flash:" + img},
			Expect:    "the hash equals the off-box hash fwaudit recorded",
			IfDiffers: "the device lies (IMG-003): escalate"},
		{Phase: PhaseEvidence, Title: "Capture show tech-support off the box", Mode: ModeExec,
			Commands:  []string{"show tech-support > flash:fwaudit-tech.txt", "copy flash:fwaudit-tech.txt " + t.evidence("tech.txt")},
			Expect:    "the file is off the box",
			IfDiffers: "save the terminal output instead; never reload to get a clean state"},
	}
}

func eosACL(t target) Option {
	permits, next := permitLines(t, mgmtPlaceholder, func(seq int, p *netip.Prefix) string {
		return fmt.Sprintf("   %d permit ip %s any", seq, prefixOr(p))
	})
	lines := append([]string{"configure", "ip access-list FWAUDIT-MGMT"}, permits...)
	lines = append(lines, fmt.Sprintf("   %d deny ip any any log", next), "management ssh", "   ip access-group FWAUDIT-MGMT in", "end")
	return Option{Title: "Restrict management access to the management networks", Mode: ModeConfig,
		When: "the device stays in service while the case is open", Commands: lines,
		Expect: "`show ip access-lists FWAUDIT-MGMT` lists the permits; a new SSH session from a management address works",
		Note:   "Keep the current session open until a new one from a management address works."}
}
