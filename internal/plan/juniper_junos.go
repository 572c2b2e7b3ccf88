package plan

import (
	"fmt"
	"net/netip"

	"fwaudit/internal/baseline"
)

// Junos: component firmware with request system firmware upgrade, software
// with request system software add (vendor-integrity.md §6.7, §3.3). There
// is no boot variable and no configuration register.
func junosRecipe() recipe {
	return recipe{
		fs: "/var/tmp/", ansible: "junipernetworks.junos.junos",
		evidence:    junosEvidence,
		containment: func(t target) []Option { return []Option{junosFilter(t), isolate(t), rotate(t)} },
		stage:       junosStage,
		quarantine: func(t target, file string) []Step {
			file = t.name(file)
			return []Step{
				{Phase: PhaseEvidence, Title: "Copy the tampered " + file + " off the box", Mode: ModeExec,
					Commands:  []string{fmt.Sprintf("file copy /var/tmp/%s %s", file, t.evidence(file))},
					Expect:    "the copy completes; hash it off the box and keep it with the case",
					IfDiffers: "continue: the rename below still takes it out of the install path"},
				{Phase: PhaseStage, Title: "Rename the tampered " + file, Mode: ModeExec,
					Commands:  []string{fmt.Sprintf("file rename /var/tmp/%s /var/tmp/%s.suspect", file, file)},
					Expect:    "`file list /var/tmp/` lists " + file + ".suspect",
					IfDiffers: "continue; the install below names the approved file explicitly"},
			}
		},
		rommon: func(t target, _ *baseline.Package) []Step {
			return []Step{{Phase: PhaseRevert, Title: "Reprogram the boot firmware from the installed Junos", Mode: ModeExec,
				Commands:    []string{"show system firmware", "request system firmware upgrade re bios"},
				Expect:      "`show system firmware` lists the RE BIOS with an available version of " + t.approvedFirmware() + "; the upgrade reports it is programmed",
				IfDiffers:   "the installed Junos carries no approved firmware: install the approved release first (below), then repeat; for an FPC use `request system firmware upgrade fpc slot <n>`",
				Note:        "[K] syntax and columns unconfirmed. Do not run `request system snapshot` before the revert: it would copy suspect software over the recovery copy.",
				Unconfirmed: true, Disruptive: true}}
		},
		boot: func(t target, image string) []Step {
			image = t.name(image)
			return []Step{{Phase: PhaseRevert, Title: "Install " + image + " for the next boot", Mode: ModeExec,
				Commands:    []string{"request system software add /var/tmp/" + image},
				Expect:      "validation succeeds and the package is set to become active at the next reboot",
				IfDiffers:   "stop: a package that does not validate is not the approved build",
				Note:        "[K] output wording unconfirmed; Junos checks the package signature (veriexec)",
				Unconfirmed: true, Disruptive: true}}
		},
		save: func(target) []Step { return nil },
		reload: func(target, bool) []Step {
			return []Step{{Phase: PhaseReload, Title: "Reboot inside the change window", Mode: ModeExec,
				Commands:   []string{"request system reboot"},
				Expect:     "`Reboot the system ? [yes,no]`; answer yes; the device boots the approved release",
				IfDiffers:  "if it stops at the loader prompt, boot the approved release from the console and keep the device isolated",
				Note:       "Only after every evidence step: a reboot destroys volatile evidence. Needs console access.",
				Disruptive: true}}
		},
		post: func(t target, im *baseline.Image) []Step {
			out := []Step{{Phase: PhaseVerify, Title: "Check what booted", Mode: ModeExec,
				Commands:  []string{"show version", "show chassis firmware"},
				Expect:    "the approved release; `ROM` rows at " + t.approvedFirmware(),
				IfDiffers: "the revert did not take: keep the device isolated and escalate",
				Note: "What fwaudit checks on Junos: the ROM monitor / boot-loader rows of show chassis firmware (ROM-001; ROM-003 against SNMP), " +
					"the running release against the version: of the approved packages (IMG-001), a package in /var/tmp by `file checksum sha-256` (IMG-002). " +
					"Not checked: which package booted (Junos names no running image file, so nothing is hashed off the box), " +
					"boot variable and configuration register (Junos has neither), signed boot measurements (none on Junos: BIV-001/002/003 do not run)."}}
			if im != nil && (im.SHA256 != "" || im.SHA512 != "") {
				out = append(out, junosVerify(t.name(im.File), *im))
			}
			return append(out, Step{Phase: PhaseVerify, Title: "Refresh the recovery copy once the re-audit is clean", Mode: ModeExec,
				Commands:    []string{"request system snapshot"},
				Expect:      "the snapshot completes; `show system snapshot` lists the approved release",
				IfDiffers:   "keep the old recovery copy and open a case with the vendor",
				Note:        "[K] on older releases `request system snapshot slice alternate`. Run only after fwaudit audit is clean.",
				Unconfirmed: true})
		},
	}
}

func junosStage(t target, im baseline.Image, present bool) []Step {
	file := t.name(im.File)
	var out []Step
	if !present {
		out = append(out, Step{Phase: PhaseStage, Title: "Copy " + file + " to /var/tmp/", Mode: ModeExec,
			Commands:  []string{fmt.Sprintf("file copy %s /var/tmp/%s", t.source(file), file)},
			Expect:    "the copy completes with no error",
			IfDiffers: "check free space (`show system storage`) and the source URL"})
	}
	if im.SHA256 == "" && im.SHA512 == "" {
		return out
	}
	return append(out, junosVerify(file, im))
}

// junosVerify checks the staged package against the baseline: with the
// CLI's own `file checksum sha-256` when the baseline has a SHA-256 (the
// command fwaudit itself runs on Junos), else on the shell, because `file
// checksum` offers md5, sha1 and sha-256 only and the baseline holds only
// a sha512. A baseline with neither gives no step.
func junosVerify(file string, im baseline.Image) Step {
	if im.SHA256 != "" {
		return Step{Phase: PhaseStage, Title: "Verify " + file + " against the baseline sha256", Mode: ModeExec,
			Commands:  []string{"file checksum sha-256 /var/tmp/" + file},
			Expect:    fmt.Sprintf("`SHA256 (/var/tmp/%s) = %s`", file, im.SHA256),
			IfDiffers: "the file is not the approved build: stop, delete it and copy it again from a source you trust",
			Note:      "A compromised device can print a matching hash: the off-box hash of the re-audit is the proof that counts."}
	}
	sha := im.SHA512
	return Step{Phase: PhaseStage, Title: "Verify " + file + " against the baseline sha512", Mode: ModeExec,
		Commands:    []string{"start shell", "sha512 /var/tmp/" + file, "exit"},
		Expect:      fmt.Sprintf("`SHA512 (/var/tmp/%s) = %s`", file, sha),
		IfDiffers:   "the file is not the approved build: stop, delete it and copy it again from a source you trust",
		Note:        "[K] the FreeBSD sha512 tool on the Junos shell is unconfirmed (`file checksum` documents md5, sha1 and sha-256 only). A compromised device can print a matching hash: the off-box hash of the re-audit is the proof that counts.",
		Unconfirmed: true}
}

func junosEvidence(t target) []Step {
	return []Step{
		{Phase: PhaseEvidence, Title: "Record the runtime state (before any change)", Mode: ModeExec,
			Commands: []string{"set cli screen-length 0", "show system uptime", "show version", "show configuration | display set",
				"show chassis firmware", "show system firmware", "show system users", "show log messages", "show system processes extensive"},
			Expect:    "outputs saved to the case file; firmware and release as fwaudit reported",
			IfDiffers: "the device changed since the audit: save both, re-run fwaudit audit " + t.Device},
		{Phase: PhaseEvidence, Title: "Capture request support information off the box", Mode: ModeExec,
			Commands:  []string{"request support information | save /var/tmp/fwaudit-rsi.txt", "file copy /var/tmp/fwaudit-rsi.txt " + t.evidence("rsi.txt")},
			Expect:    "the file is off the box",
			IfDiffers: "save the terminal output instead; never reboot to get a clean state"},
	}
}

func junosFilter(t target) Option {
	permits, _ := permitLines(t, mgmtPlaceholder, func(_ int, p *netip.Prefix) string {
		return "set policy-options prefix-list FWAUDIT-MGMT " + prefixOr(p)
	})
	lines := append([]string{"configure"}, permits...)
	f := "set firewall family inet filter FWAUDIT-MGMT "
	lines = append(lines,
		f+"term mgmt from source-prefix-list FWAUDIT-MGMT",
		f+"term mgmt from protocol tcp",
		f+"term mgmt from destination-port ssh",
		f+"term mgmt then accept",
		f+"term other-ssh from protocol tcp",
		f+"term other-ssh from destination-port ssh",
		f+"term other-ssh then discard",
		f+"term rest then accept",
		"set interfaces lo0 unit 0 family inet filter input-list FWAUDIT-MGMT",
		"commit confirmed 10",
		"exit")
	return Option{Title: "Restrict SSH to the management networks", Mode: ModeConfig,
		When: "the device stays in service while the case is open", Commands: lines,
		Expect: "the commit succeeds; a new SSH session from a management address works; then `commit` again within 10 minutes to keep it",
		Note:   "commit confirmed rolls back by itself if the change locks you out. input-list keeps an existing lo0 filter."}
}
