package plan

import (
	"fmt"
	"net/netip"

	"fwaudit/internal/baseline"
)

// NX-OS: the BIOS rides with `install all` of the approved image
// (vendor-integrity.md §6.6, §3.2); there is no configuration register.
func nxosRecipe() recipe {
	const fs = "bootflash:"
	return recipe{
		fs: fs, ansible: "cisco.nxos.nxos",
		evidence:    nxosEvidence,
		containment: func(t target) []Option { return []Option{nxosACL(t), isolate(t), rotate(t)} },
		stage: func(t target, im baseline.Image, present bool) []Step {
			return nxosStage(t, im.File, im.SHA512, present)
		},
		quarantine: func(t target, file string) []Step {
			file = t.name(file)
			return []Step{
				{Phase: PhaseEvidence, Title: "Copy the tampered " + file + " off the box", Mode: ModeExec,
					Commands:  []string{fmt.Sprintf("copy bootflash:%s %s vrf management", file, t.evidence(file))},
					Expect:    "the copy completes; hash it off the box and keep it with the case",
					IfDiffers: "continue: the move below still takes it out of the boot path"},
				{Phase: PhaseStage, Title: "Move the tampered " + file + " out of the boot path", Mode: ModeExec,
					Commands:  []string{fmt.Sprintf("move bootflash:%s bootflash:%s.suspect", file, file)},
					Expect:    "`dir bootflash:` lists " + file + ".suspect and no " + file,
					IfDiffers: "stop: the file is in use; continue only in the change window"},
			}
		},
		rommon: func(t target, _ *baseline.Package) []Step {
			if t.image == nil {
				return nil
			}
			img := t.name(t.image.File)
			steps := nxosStage(t, img, t.image.SHA512, present(t, *t.image, tamperedFiles(t)))
			return append(steps, Step{Phase: PhaseRevert, Title: "Check that the approved image carries the approved BIOS", Mode: ModeExec,
				Commands:    []string{"show install all impact nxos bootflash:" + img},
				Expect:      "the `bios` row's New-Version is " + t.approvedFirmware() + "; Upg-Required yes for the drifted module",
				IfDiffers:   "the approved image does not carry an approved BIOS: ask the vendor for the BIOS/EPLD package and add it to the baseline",
				Note:        "[K] BIOS upgrade through install all is unconfirmed; this command changes nothing",
				Unconfirmed: true})
		},
		boot: func(t target, image string) []Step {
			image = t.name(image)
			return []Step{{Phase: PhaseRevert, Title: "Point the boot variable at " + image, Mode: ModeConfig,
				Commands:  []string{"configure terminal", "boot nxos bootflash:" + image, "end"},
				Expect:    "no error",
				IfDiffers: "stop and escalate: the boot variable is being set by someone else"}}
		},
		save: func(t target) []Step {
			img := "<approved image>"
			if t.image != nil {
				img = t.name(t.image.File)
			}
			return []Step{{Phase: PhaseRevert, Title: "Save the configuration", Mode: ModeExec,
				Commands:  []string{"copy running-config startup-config", "show boot"},
				Expect:    "`Copy complete`; under `Boot Variables on next reload:` `NXOS variable = bootflash:/" + img + "`",
				IfDiffers: "do not reload: fix the boot variable first"}}
		},
		reload: func(t target, rommon bool) []Step {
			if rommon && t.image != nil {
				img := t.name(t.image.File)
				return []Step{{Phase: PhaseReload, Title: "Install the approved image and BIOS inside the change window", Mode: ModeExec,
					Commands:   []string{"install all nxos bootflash:" + img},
					Expect:     "the impact table, `Do you want to continue with the installation (y/n)?`, then `Install has been successful` and a reload per module",
					IfDiffers:  "answer n at the prompt if the impact differs from the check above; a failed install leaves the old image: keep the device isolated",
					Note:       "Only after every evidence step: the install reloads the device and destroys volatile evidence. Needs console access.",
					Disruptive: true}}
			}
			return []Step{{Phase: PhaseReload, Title: "Reload inside the change window", Mode: ModeExec,
				Commands:   []string{"reload"},
				Expect:     "`This command will reboot the system. (y/n)?`, then the device boots the approved image",
				IfDiffers:  "if it stops at `loader>`, boot from the console (`boot bootflash:<approved image>`) and keep the device isolated",
				Note:       "Only after every evidence step: a reload destroys volatile evidence. Needs console access.",
				Disruptive: true}}
		},
		post: func(t target, im *baseline.Image) []Step {
			out := []Step{{Phase: PhaseVerify, Title: "Check what booted", Mode: ModeExec,
				Commands:  []string{"show version", "show boot"},
				Expect:    "`BIOS: version` is " + t.approvedFirmware() + " and `NXOS image file is:` the approved image",
				IfDiffers: "the revert did not take: keep the device isolated and escalate"}}
			if im != nil {
				out = append(out, nxosVerify(t, t.name(im.File), im.SHA512))
			}
			return out
		},
	}
}

func nxosStage(t target, file, sha string, present bool) []Step {
	file = t.name(file)
	var out []Step
	if !present {
		out = append(out, Step{Phase: PhaseStage, Title: "Copy " + file + " to bootflash:", Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("copy %s bootflash:%s vrf management", t.source(file), file)},
			Expect:    "`Copy complete`",
			IfDiffers: "check free space (`dir bootflash:`) and the source URL; delete a partial copy and copy again"})
	}
	return append(out, nxosVerify(t, file, sha))
}

func nxosVerify(_ target, file, sha string) Step {
	return Step{Phase: PhaseStage, Title: "Verify " + file + " against the baseline sha512", Mode: ModeExec,
		Commands:    []string{"show file bootflash:" + file + " sha512sum"},
		Expect:      "exactly " + sha,
		IfDiffers:   "the file is not the approved build: stop, delete it, copy it again from a source you trust and compare off the box",
		Note:        "[K] sha512sum option of show file unconfirmed. A compromised device can print a matching hash: the off-box hash of the re-audit is the proof that counts.",
		Unconfirmed: true}
}

func nxosEvidence(t target) []Step {
	img := t.name(t.runningImage())
	return []Step{
		{Phase: PhaseEvidence, Title: "Record the runtime state (before any change)", Mode: ModeExec,
			Commands: []string{"terminal length 0", "show clock", "show version", "show running-config", "show boot",
				"dir bootflash:", "show logging logfile", "show users", "show accounting log"},
			Expect:    "outputs saved to the case file; BIOS, image and boot variables as fwaudit reported",
			IfDiffers: "the device changed since the audit: save both, re-run fwaudit audit " + t.Device},
		{Phase: PhaseEvidence, Title: "Hash and check the signature of the running image on the box", Mode: ModeExec,
			Commands:    []string{"show file bootflash:" + img + " sha512sum", "show software authenticity file bootflash:" + img},
			Expect:      "the hash equals the off-box hash fwaudit recorded; the signature verifies",
			IfDiffers:   "escalate: the device lies or the image is not signed by the vendor",
			Note:        "[K] both commands unconfirmed",
			Unconfirmed: true},
		{Phase: PhaseEvidence, Title: "Capture show tech-support off the box", Mode: ModeExec,
			Commands:  []string{"show tech-support details > bootflash:fwaudit-tech.txt", "copy bootflash:fwaudit-tech.txt " + t.evidence("tech.txt") + " vrf management"},
			Expect:    "the file is off the box (NX-OS forensic guide: collect non-volatile artifacts)",
			IfDiffers: "save the terminal output of show tech-support details instead; never reload to get a clean state"},
	}
}

func nxosACL(t target) Option {
	permits, next := permitLines(t, mgmtPlaceholder, func(seq int, p *netip.Prefix) string {
		return fmt.Sprintf("  %d permit ip %s any", seq, prefixOr(p))
	})
	lines := append([]string{"configure terminal", "ip access-list FWAUDIT-MGMT"}, permits...)
	lines = append(lines, fmt.Sprintf("  %d deny ip any any log", next), "line vty", "  access-class FWAUDIT-MGMT in", "end")
	return Option{Title: "Restrict management access to the management networks", Mode: ModeConfig,
		When: "the device stays in service while the case is open", Commands: lines,
		Expect: "`show ip access-lists FWAUDIT-MGMT` lists the permits; a new SSH session from a management address works",
		Note:   "Keep the current session open until a new one from a management address works."}
}
