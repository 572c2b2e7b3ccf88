package plan

import (
	"fmt"
	"slices"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
)

// Cisco ASA (ASA forensic guide, CISA ED 25-03, shared/reference/cisco-asa.md
// §2, §3.9): isolate from the neighbours, capture the guide's read-only
// evidence first, upgrade to a fixed release (the approved image), `upgrade
// rommon` to the approved ROMMON (5506/5508/5516-X), verify. End-of-support
// hardware without Secure Boot is replaced, not reverted (CISA's
// instruction); the ROMMON variables check needs the console (manual).
func asaRecipe() recipe {
	const fs = "disk0:/"
	return recipe{
		fs: fs, ansible: "cisco.asa.asa",
		evidence:    asaEvidence,
		containment: func(t target) []Option { return []Option{isolate(t), rotate(t)} },
		stage: func(t target, im baseline.Image, present bool) []Step {
			return asaCopyVerify(t, fs, im.File, im.SHA512, present)
		},
		quarantine: func(t target, file string) []Step { return ciscoQuarantine(t, fs, file) },
		rommon:     asaROMMON,
		boot: func(t target, image string) []Step {
			image = t.name(image)
			return []Step{{Phase: PhaseRevert, Title: "Point the boot list at " + image, Mode: ModeConfig,
				Commands:  []string{"configure terminal", "no boot system", "boot system " + fs + image, "end"},
				Expect:    "`show running-config boot` prints only `boot system " + fs + image + "`",
				IfDiffers: "a boot system line that comes back is configured elsewhere: stop and escalate"}}
		},
		register: func(_ target, v string) []Step { return ciscoRegister(v) },
		save:     func(t target) []Step { return ciscoSave(t, "show bootvar") },
		reload:   func(t target, rommon bool) []Step { return ciscoReload(t, fs, rommon) },
		post: func(t target, im *baseline.Image) []Step {
			out := []Step{{Phase: PhaseVerify, Title: "Check what booted", Mode: ModeExec,
				Commands:  []string{"show version", "show module", "show software authenticity running"},
				Expect:    "the approved image is the system image file, module 0/1 Fw Version (ROMMON) is " + t.approvedFirmware() + ", the uptime shows this reload, no firmware_update.log on disk0:",
				IfDiffers: "the revert did not take, or a fixed release found an implant (firmware_update.log): keep the device isolated and escalate"}}
			if im != nil {
				out = append(out, Step{Phase: PhaseVerify, Title: "Hash the running image", Mode: ModeExec,
					Commands:  []string{"verify /sha-512 " + fs + t.name(im.File)},
					Expect:    "`verify /SHA-512 (" + fs + im.File + ") = " + im.SHA512 + "`",
					IfDiffers: "escalate: the approved file changed on the device after it was staged",
					Note:      "A compromised ASA can print the expected hash: the off-box hash of the re-audit (fwaudit audit --offbox-hash) is the proof that counts."})
			}
			return out
		},
		findings: asaFindings,
	}
}

// asaCopyVerify copies the approved file to disk0: and hashes it with the
// ASA's verify (which takes no expected digest).
func asaCopyVerify(t target, fs, file, sha512 string, present bool) []Step {
	file = t.name(file)
	var out []Step
	if !present {
		out = append(out, Step{Phase: PhaseStage, Title: "Copy " + file + " to " + fs, Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("copy /noconfirm %s %s%s", t.source(file), fs, file)},
			Expect:    "`N bytes copied`",
			IfDiffers: fmt.Sprintf("check free space (`dir %s`); delete a partial copy (`delete /noconfirm %s%s`) and copy again", fs, fs, file)})
	}
	return append(out, Step{Phase: PhaseStage, Title: "Hash " + file + " against the baseline sha512", Mode: ModeExec,
		Commands:  []string{"verify /sha-512 " + fs + file},
		Expect:    fmt.Sprintf("`verify /SHA-512 (%s%s) = %s` (join a digest wrapped over two lines)", fs, file, sha512),
		IfDiffers: "stop: the file is not the approved build; delete it and copy it again from a source you trust"})
}

// asaROMMON stages the approved ROMMON package and runs `upgrade rommon`
// (5506/5508/5516-X; the legacy 5500-X has no newer ROMMON: replace it).
func asaROMMON(t target, pkg *baseline.Package) []Step {
	if pkg == nil {
		return nil
	}
	file := t.name(pkg.File)
	var steps []Step
	if pkg.SHA512 != "" {
		steps = asaCopyVerify(t, "disk0:/", file, pkg.SHA512, false)
	} else {
		steps = []Step{{Phase: PhaseStage, Title: "Copy " + file + " to disk0:/", Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("copy /noconfirm %s disk0:/%s", t.source(file), file)},
			Expect:    "`N bytes copied`; then `verify /sha-512 disk0:/" + file + "` equals Cisco's published digest",
			IfDiffers: "stop: add rommon.package.sha512 to the baseline and copy again"}}
	}
	return append(steps, Step{Phase: PhaseRevert, Title: "Upgrade the ROMMON to " + t.approvedFirmware(), Mode: ModeExec,
		Commands:   []string{"upgrade rommon disk0:/" + file},
		Expect:     "the ASA verifies the file's signature and integrity, asks to reload, and reloads twice; `show module` then prints Fw Version " + t.approvedFirmware(),
		IfDiffers:  "a signature or integrity error: stop, keep the device isolated and open a TAC case",
		Note:       "5506/5508/5516-X only (reference §3.9). Only after every evidence step: it reloads the device.",
		Disruptive: true})
}

// asaEvidence is what the ASA forensic guide and CISA's ED 25-03 hunt
// collect, read-only, before anything changes.
func asaEvidence(t target) []Step {
	return []Step{
		{Phase: PhaseEvidence, Title: "Record the runtime state (ASA forensic guide, read-only)", Mode: ModeExec,
			Commands: []string{"terminal pager 0", "show clock", "show version", "show module", "show inventory", "show tech-support detail",
				"dir /recursive all-filesystems", "show software authenticity running", "show software authenticity keys",
				"show kernel process | include lina_cs", "show memory region | include lina", "show logging", "show crashinfo"},
			Expect:    "outputs saved to the case file; no lina_cs process, one r-xp lina region, no firmware_update.log",
			IfDiffers: "any lina_cs output, a second executable lina region or firmware_update.log is compromise: keep the device isolated and powered, escalate"},
		{Phase: PhaseEvidence, Title: "Hunt in memory (CISA ED 25-03 Part 1)", Mode: ModeExec,
			Commands: []string{"verify /sha-512 system:/text", "more /binary system:/text | grep 55534154 41554156 41575756 488bb3a0",
				"show checkheaps", "show checkheaps"},
			Expect:    "the text hash equals a known-good unit of the same model and release; the grep prints nothing; `Total number of runs` grows between the two checkheaps (5 minutes apart)",
			IfDiffers: "any grep output is \"compromise detected\": disconnect the device from the network but do not power it off, and report to CISA",
			Note: "fwaudit audit " + t.Device + " --deep runs these. On older releases use system:memory/text. " +
				"Then CISA's Part 2 core dump by hand (it sets a configuration option and reloads; fwaudit never sends it), submitted through Malware Next Gen."},
	}
}

// asaFindings are the ASA actions no revert does: replace end-of-support
// hardware, and the console check of the ROMMON variables after any
// implant indicator.
func asaFindings(t target) (steps []Step, manual []string) { //nolint:unparam // steps: the hook's shape
	var hw, implant bool
	for _, f := range t.Findings {
		switch f.Rule {
		case audit.HW001:
			hw = hw || f.Severity == audit.Critical
			implant = true
		case audit.ROM001, audit.ROM003, audit.ROM006, audit.MEM001, audit.MEM002:
			implant = true
		}
	}
	if hw {
		manual = append(manual, "HW-001 "+t.Facts.Model+" is end-of-support hardware without Secure Boot / Trust Anchor: CISA ED 25-03 says disconnect it for good and replace it "+
			"with hardware that has them (Firepower / Secure Firewall); until then keep it isolated: no upgrade makes its ROMMON attestable")
	}
	if implant {
		manual = append(manual, "ROMMON variables (console only): reload, press BREAK/ESC at \"Use BREAK or ESC to interrupt boot\", run `set` at `rommon 1 >`, "+
			"compare with Cisco's default list (ASA forensic guide step 7); any extra variable is an implant indicator: escalate")
	}
	return steps, slices.Clip(manual)
}
