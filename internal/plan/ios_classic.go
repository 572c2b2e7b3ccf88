package plan

import (
	"fmt"

	"fwaudit/internal/baseline"
)

// Classic IOS (ISR G2 and similar): two ROMMON regions, ReadOnly (factory)
// and Upgrade; the SYNful Knock case (vendor-integrity.md §6.3, §5.3).
func iosRecipe() recipe {
	const fs = "flash:"
	return recipe{
		fs: fs, ansible: "cisco.ios.ios",
		evidence:    iosEvidence,
		containment: func(t target) []Option { return []Option{vtyACL(t), isolate(t), rotate(t)} },
		stage: func(t target, im baseline.Image, present bool) []Step {
			file, sha := im.File, im.SHA512
			return copyVerify(t, fs, file, sha, present)
		},
		quarantine: func(t target, file string) []Step { return ciscoQuarantine(t, fs, file) },
		rommon:     iosROMMON,
		regionFall: iosReadOnly,
		boot:       func(t target, image string) []Step { return ciscoBoot(t, fs, image, "") },
		register:   func(_ target, v string) []Step { return ciscoRegister(v) },
		save:       func(t target) []Step { return ciscoSave(t, "show boot") },
		reload:     func(t target, rommon bool) []Step { return ciscoReload(t, fs, rommon) },
		post: func(t target, im *baseline.Image) []Step {
			return ciscoPost(t, fs, im, "show rom-monitor")
		},
	}
}

func iosEvidence(t target) []Step {
	img := t.name(t.runningImage())
	return []Step{
		{Phase: PhaseEvidence, Title: "Record the runtime state (before any change)", Mode: ModeExec,
			Commands: []string{"terminal length 0", "show clock detail", "show version", "show running-config",
				"show rom-monitor", "show boot", "dir flash:", "show logging", "show users", "show region"},
			Expect:    "outputs saved to the case file; `show rom-monitor` names the running region (ReadOnly or Upgrade) and both versions",
			IfDiffers: "the device changed since the audit: save both, re-run fwaudit audit " + t.Device},
		{Phase: PhaseEvidence, Title: "Hash the running image and the text region on the box", Mode: ModeExec,
			Commands:    []string{"verify /sha512 flash:" + img, "verify /md5 system:memory/text"},
			Expect:      "the image hash equals the off-box hash fwaudit recorded; the text-region hash equals a known-good device of the same release",
			IfDiffers:   "escalate: the image or the code in memory is not what was shipped",
			Note:        "[K] the text-region verify syntax is unconfirmed",
			Unconfirmed: true},
		{Phase: PhaseEvidence, Title: "Capture a core dump off the box", Mode: ModeExec,
			Commands:    []string{"write core " + t.evidence("core")},
			Expect:      "the core file is written to the evidence folder",
			IfDiffers:   "follow the Cisco IOS forensic guide (core file / memory dump) by hand; never reload to get a clean state",
			Note:        "[K] write core with a destination URL is unconfirmed; the forensic guide configures `exception dump` first on some releases",
			Unconfirmed: true},
	}
}

// iosReadOnly falls back to the factory ROMMON: the ReadOnly region holds an
// approved version, so no file needs to be trusted.
func iosReadOnly(t target) []Step {
	return []Step{{Phase: PhaseRevert, Title: "Select the read-only (factory) ROMMON region for the next boot", Mode: ModeExec,
		Commands:    []string{"upgrade rom-monitor preference readonly"},
		Expect:      fmt.Sprintf("`show rom-monitor` prints `ROMMON from ReadOnly region is selected for next boot`; ReadOnly holds %s (approved)", t.Facts.ROMRegions.ReadOnly),
		IfDiffers:   "stop: the region selection did not take; re-flash the Upgrade region from a hash-verified file instead (add rommon.package to the baseline)",
		Note:        "[K] syntax unconfirmed. After the reload `show rom-monitor` must say `Currently running ROMMON from ReadOnly region`; re-flash the Upgrade region later from a verified .srec if needed.",
		Unconfirmed: true, Disruptive: true}}
}

func iosROMMON(t target, pkg *baseline.Package) []Step {
	if pkg == nil {
		return nil
	}
	file := t.name(pkg.File)
	steps := copyVerify(t, "flash:", file, pkg.SHA512, false)
	return append(steps, Step{Phase: PhaseRevert, Title: "Write the approved ROMMON into the Upgrade region", Mode: ModeExec,
		Commands:    []string{"upgrade rom-monitor file flash:" + file},
		Expect:      "the upgrade completes and `show rom-monitor` lists the new Upgrade ROMMON version (" + t.approvedFirmware() + ")",
		IfDiffers:   "stop and do not reload; select the ReadOnly region (`upgrade rom-monitor preference readonly`) and call the vendor's TAC",
		Note:        "[K] syntax unconfirmed. It writes the Upgrade region; the ReadOnly region keeps the factory ROMMON.",
		Unconfirmed: true, Disruptive: true})
}
