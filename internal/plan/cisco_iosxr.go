package plan

import (
	"fmt"
	"net/netip"

	"fwaudit/internal/baseline"
)

// IOS XR (eXR / XR7): boot firmware is an FPD (BIOS, rommon) upgraded from
// the images the installed software carries (vendor-integrity.md §6.5, §3.1).
func iosxrRecipe() recipe {
	return recipe{
		fs: "harddisk:", ansible: "cisco.iosxr.iosxr",
		evidence:    xrEvidence,
		containment: func(t target) []Option { return []Option{xrACL(t), isolate(t), rotate(t)} },
		stage:       func(t target, im baseline.Image, present bool) []Step { return xrStage(t, im.File, im.SHA512, present) },
		quarantine: func(t target, file string) []Step {
			file = t.name(file)
			return []Step{
				{Phase: PhaseEvidence, Title: "Copy the tampered " + file + " off the box", Mode: ModeExec,
					Commands:  []string{fmt.Sprintf("copy harddisk:/%s %s", file, t.evidence(file))},
					Expect:    "the copy completes; hash it off the box and keep it with the case",
					IfDiffers: "continue: the rename below still takes it out of the install path"},
				{Phase: PhaseStage, Title: "Rename the tampered " + file, Mode: ModeExec,
					Commands:    []string{fmt.Sprintf("run mv /harddisk:/%s /harddisk:/%s.suspect", file, file)},
					Expect:      "`dir harddisk:` lists " + file + ".suspect",
					IfDiffers:   "continue in the change window; the install below names the approved file explicitly",
					Note:        "[K] run shell path form unconfirmed",
					Unconfirmed: true},
			}
		},
		rommon: func(t target, _ *baseline.Package) []Step {
			return []Step{{Phase: PhaseRevert, Title: "Reprogram the boot-firmware FPDs from the installed software", Mode: ModeExec,
				Commands:    []string{"show hw-module fpd", "upgrade hw-module location all fpd all force"},
				Expect:      "after the upgrade `show hw-module fpd` shows the BIOS / rommon rows as `RLOAD REQ` with Programd " + t.approvedFirmware(),
				IfDiffers:   "the installed software does not carry an approved FPD: install the approved release first; Golden FPDs cannot be reprogrammed",
				Note:        "[K] exec syntax unconfirmed (`force` programs an older version than the running one).",
				Unconfirmed: true, Disruptive: true}}
		},
		boot: func(t target, image string) []Step {
			image = t.name(image)
			return []Step{{Phase: PhaseRevert, Title: "Install and activate " + image, Mode: ModeExec,
				Commands:    []string{"install add source /harddisk:/ " + image, "show install request", "install activate id <install-id>"},
				Expect:      "`install add` completes with an operation id; `show install inactive summary` then lists the approved packages",
				IfDiffers:   "stop: the package did not validate; do not activate anything else",
				Note:        "[K] eXR install syntax unconfirmed (XR7: `install replace /harddisk:/" + image + "`). Fill <install-id> from `show install request`.",
				Unconfirmed: true, Disruptive: true}}
		},
		register: func(_ target, v string) []Step {
			return []Step{{Phase: PhaseRevert, Title: "Set the configuration register to " + v, Mode: ModeConfig,
				Commands:    []string{"admin", "config-register " + v, "exit"},
				Expect:      "`show version` no longer shows another register at next reload",
				IfDiffers:   "stop and escalate",
				Note:        "[K] IOS XR config-register syntax unconfirmed",
				Unconfirmed: true}}
		},
		save: func(t target) []Step {
			return []Step{{Phase: PhaseRevert, Title: "Commit the active software", Mode: ModeExec,
				Commands:    []string{"install commit", "show install committed summary"},
				Expect:      "the committed packages equal the active ones (the approved release)",
				IfDiffers:   "do not reload: the device would fall back to the previous committed software",
				Note:        "[K] run after the activation reload when the activation needs one",
				Unconfirmed: true}}
		},
		reload: func(t target, _ bool) []Step {
			return []Step{{Phase: PhaseReload, Title: "Reload the reprogrammed locations inside the change window", Mode: ModeExec,
				Commands:    []string{"reload location all"},
				Expect:      "the prompt to confirm, then every location boots; `show hw-module fpd` shows CURRENT",
				IfDiffers:   "a location that stays in RLOAD REQ or boots a Golden FPD: keep the device isolated and open a TAC case",
				Note:        "[K] syntax unconfirmed. Only after every evidence step: a reload destroys volatile evidence.",
				Unconfirmed: true, Disruptive: true}}
		},
		post: func(t target, im *baseline.Image) []Step {
			out := []Step{{Phase: PhaseVerify, Title: "Check what booted", Mode: ModeExec,
				Commands:  []string{"show hw-module fpd", "show install active summary"},
				Expect:    "boot-firmware FPDs CURRENT with Running = Programd = " + t.approvedFirmware() + "; the approved release active",
				IfDiffers: "the revert did not take: keep the device isolated and escalate"}}
			if im != nil {
				out = append(out, xrVerify(t.name(im.File), im.SHA512))
			}
			return out
		},
	}
}

func xrStage(t target, file, sha string, present bool) []Step {
	file = t.name(file)
	var out []Step
	if !present {
		out = append(out, Step{Phase: PhaseStage, Title: "Copy " + file + " to harddisk:", Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("copy %s harddisk:/%s", t.source(file), file)},
			Expect:    "the copy completes with the byte count",
			IfDiffers: "check free space (`dir harddisk:`) and the source URL"})
	}
	return append(out, xrVerify(file, sha))
}

func xrVerify(file, sha string) Step {
	return Step{Phase: PhaseStage, Title: "Verify " + file + " against the baseline sha512", Mode: ModeExec,
		Commands:    []string{"run sha512sum /harddisk:/" + file},
		Expect:      sha + "  /harddisk:/" + file,
		IfDiffers:   "the file is not the approved build: stop, delete it and copy it again from a source you trust",
		Note:        "[K] run sha512sum path form unconfirmed. A compromised device can print a matching hash: the off-box hash of the re-audit is the proof that counts.",
		Unconfirmed: true}
}

func xrEvidence(t target) []Step {
	return []Step{
		{Phase: PhaseEvidence, Title: "Record the runtime state (before any change)", Mode: ModeExec,
			Commands: []string{"terminal length 0", "show clock", "show version", "show running-config", "show hw-module fpd",
				"show install active summary", "show logging", "show users", "show platform"},
			Expect:    "outputs saved to the case file; FPD versions and active packages as fwaudit reported",
			IfDiffers: "the device changed since the audit: save both, re-run fwaudit audit " + t.Device},
		{Phase: PhaseEvidence, Title: "Record the secure-boot and integrity state", Mode: ModeExec,
			Commands:    []string{"show platform security integrity log secure-boot status", "show platform security integrity dossier nonce " + t.nonce() + " include packages reboot-history rollback-history system-integrity-snapshot"},
			Expect:      "secure boot passed for every location; the dossier signed with this nonce",
			IfDiffers:   "escalate: boot integrity failed",
			Note:        "[K] command names unconfirmed per release",
			Unconfirmed: true},
		{Phase: PhaseEvidence, Title: "Capture show tech-support off the box", Mode: ModeExec,
			Commands:  []string{"show tech-support"},
			Expect:    "the command names the archive it wrote under harddisk:/showtech; copy that archive to " + t.evidence("showtech.tgz"),
			IfDiffers: "save the terminal output instead; never reload to get a clean state"},
	}
}

func xrACL(t target) Option {
	permits, next := permitLines(t, mgmtPlaceholder, func(seq int, p *netip.Prefix) string {
		return fmt.Sprintf(" %d permit ipv4 %s any", seq, prefixOr(p))
	})
	lines := append([]string{"configure", "ipv4 access-list FWAUDIT-MGMT"}, permits...)
	lines = append(lines, fmt.Sprintf(" %d deny ipv4 any any log", next), "exit",
		"ssh server vrf default ipv4 access-list FWAUDIT-MGMT", "commit", "end")
	return Option{Title: "Restrict management access to the management networks", Mode: ModeConfig,
		When: "the device stays in service while the case is open", Commands: lines,
		Expect: "`show access-lists ipv4 FWAUDIT-MGMT` lists the permits; a new SSH session from a management address works",
		Note:   "[K] ssh server access-list syntax unconfirmed. Keep the current session open until a new one works."}
}
