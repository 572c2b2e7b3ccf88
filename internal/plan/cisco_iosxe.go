package plan

import (
	"strings"

	"fwaudit/internal/baseline"
)

// IOS XE routers (ISR4k/ISR1k/ASR1k/C8000/ASR920) and Catalyst 9000
// switches (vendor-integrity.md §6.1, §6.2, §5.3).
func iosxeRecipe() recipe {
	const fs = "bootflash:"
	return recipe{
		fs: fs, ansible: "cisco.ios.ios",
		evidence:    iosxeEvidence,
		containment: func(t target) []Option { return []Option{vtyACL(t), isolate(t), rotate(t)} },
		stage: func(t target, im baseline.Image, present bool) []Step {
			file, sha := im.File, im.SHA512
			return copyVerify(t, fs, file, sha, present)
		},
		quarantine: func(t target, file string) []Step { return ciscoQuarantine(t, fs, file) },
		rommon:     iosxeROMMON,
		boot: func(t target, image string) []Step {
			return ciscoBoot(t, fs, image, "")
		},
		register: func(t target, v string) []Step {
			s := ciscoRegister(v)
			if cat9k(t) {
				s[0].Note, s[0].Unconfirmed = "[K] Catalyst 9000 may not accept config-register; there the boot field lives in `show boot` (MANUAL_BOOT) and `no system ignore startupconfig switch all` undoes 0x2142-style recovery", true
			}
			return s
		},
		save: func(t target) []Step { return ciscoSave(t, bootShow(t)) },
		reload: func(t target, rommon bool) []Step {
			return ciscoReload(t, fs, rommon)
		},
		post: func(t target, im *baseline.Image) []Step {
			return ciscoPost(t, fs, im, rommonShow(t))
		},
	}
}

// cat9k reports whether the device is a Catalyst 9000 switch: ROMMON comes
// with the IOS XE image there, and the boot commands differ slightly.
func cat9k(t target) bool { return strings.HasPrefix(strings.ToUpper(t.Facts.Model), "C9") }

func bootShow(t target) string {
	if cat9k(t) {
		return "show boot"
	}
	return "show bootvar"
}

func rommonShow(t target) string {
	if cat9k(t) {
		return "show rom-monitor switch all r0"
	}
	return "show rom-monitor r0"
}

func iosxeEvidence(t target) []Step {
	img := t.name(t.runningImage())
	return []Step{
		{Phase: PhaseEvidence, Title: "Record the runtime state (before any change)", Mode: ModeExec,
			Commands: []string{"terminal length 0", "show clock detail", "show version", "show running-config",
				"show platform", rommonShow(t), bootShow(t), "dir bootflash:", "show logging", "show users",
				"show processes cpu sorted", "show control-plane host open-ports"},
			Expect:    "outputs saved to the case file, with the time; ROMMON, image, boot variable and register as fwaudit reported",
			IfDiffers: "the device changed since the audit: save both, re-run fwaudit audit " + t.Device + " and attach the new report"},
		{Phase: PhaseEvidence, Title: "Hash the running image on the box", Mode: ModeExec,
			Commands:  []string{"verify /sha512 bootflash:" + img},
			Expect:    "`verify /sha512 (bootflash:" + img + ") = <128 hex>` equal to the off-box hash fwaudit recorded",
			IfDiffers: "the device's own verify and the off-box hash disagree: the device lies (IMG-003); escalate"},
		{Phase: PhaseEvidence, Title: "Check the image signature and the signed boot measurements", Mode: ModeExec,
			Commands: []string{"show software authenticity running",
				"show platform integrity sign nonce " + t.nonce()},
			Expect:      "signer CiscoSystems, image type Production; boot 0 / boot loader / OS hashes equal to Cisco's known-good values, signature valid for this nonce",
			IfDiffers:   "image type Special, a verifier other than ROMMON, or a hash outside the known-good values: escalate (BIV-001)",
			Note:        "[K] field names of show software authenticity running are unconfirmed on 17.x",
			Unconfirmed: true},
		{Phase: PhaseEvidence, Title: "Capture show tech-support and memory off the box", Mode: ModeExec,
			Commands: []string{
				"show tech-support | redirect bootflash:fwaudit-tech.txt",
				"copy bootflash:fwaudit-tech.txt " + t.evidence("tech.txt"),
				"verify /md5 system:memory/text",
			},
			Expect:      "the tech-support file is off the box; the text-region hash is recorded for comparison with a known-good device of the same release",
			IfDiffers:   "follow the Cisco IOS XE forensic guide (core file and text memory export) by hand; never reload to get a clean state",
			Note:        "[K] the text-region verify syntax is from the integrity-assurance table of contents, not confirmed on IOS XE; the core and text export steps of the forensic guide need TAC for some releases",
			Unconfirmed: true},
	}
}

// runningImage is the running image's bare name, or a placeholder.
func (t target) runningImage() string {
	im := t.Facts.Image
	if i := strings.LastIndexAny(im, ":/"); i >= 0 {
		im = im[i+1:]
	}
	if im == "" {
		return "<running-image>"
	}
	return im
}

func iosxeROMMON(t target, pkg *baseline.Package) []Step {
	if cat9k(t) {
		return []Step{{Phase: PhaseRevert, Title: "Upgrade the ROMMON from the capsule in the running image", Mode: ModeExec,
			Commands:    []string{"upgrade rom-monitor capsule golden switch all R0"},
			Expect:      "each switch reports the ROMMON upgrade complete; `show rom-monitor switch all r0` after reload shows " + t.approvedFirmware(),
			IfDiffers:   "stop: do not reload a switch whose ROMMON write failed; open a TAC case",
			Note:        "[K] syntax unconfirmed. On Catalyst 9000 the ROMMON ships inside the IOS XE image: booting the approved image upgrades it at install/activate when the bundled one is newer.",
			Unconfirmed: true, Disruptive: true}}
	}
	if pkg == nil {
		return nil
	}
	file := t.name(pkg.File)
	steps := copyVerify(t, "bootflash:", file, pkg.SHA512, false)
	return append(steps, Step{Phase: PhaseRevert, Title: "Write the approved ROMMON", Mode: ModeExec,
		Commands:   []string{"upgrade rom-monitor filename bootflash:" + file + " all"},
		Expect:     "`ROMMON upgrade complete.` and `To make the new ROMMON permanent, you must restart the RP.`",
		IfDiffers:  "stop and do not reload: a failed ROMMON write needs the vendor's TAC; the previous ROMMON stays in the other region (Boot ROM0/ROM1)",
		Note:       "Some ASR1k models (1001-X, 1001-HX, 1002-HX) cannot go below 17.3(1r) [K]: check the release notes before a downgrade.",
		Disruptive: true})
}
