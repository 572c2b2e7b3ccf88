package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// checkWithheld is FACT-001: a fact the device's own history says it gives
// (the last snapshot trusted for FACT-001 had it) is missing now. A
// compromised device can choose not to answer `show rom-monitor`, refuse
// `verify /sha512` or drop the image line from show version; without this
// rule such a silence would read as "nothing changed". Each missing fact is
// one finding; the device is not clean and not assessed (Assess) until the
// fact is reported again or the finding is accepted. Quiet on the first
// audit and when the host key was refused (SSH-001 explains the silence).
func checkWithheld(in Input, r Rule) []Finding {
	in = in.against(r.ID)
	if in.Previous == nil || in.HostKeyChanged {
		return nil
	}
	prev, now := in.Previous.Facts, in.Facts
	var out []Finding
	add := func(what, was, evidence string) {
		out = append(out, r.finding(what+" no longer reported", was,
			fmt.Sprintf("%s gave %s %s; %s", in.prevText(), what, was, evidence)))
	}
	for _, src := range []facts.Source{facts.SourceCLI, facts.SourceSNMP} {
		if was := romVersions(prev.ROMMON, src); was != "" && romVersions(now.ROMMON, src) == "" {
			add(fmt.Sprintf("ROMMON version (%s)", src), was,
				"this audit read no boot-firmware version over "+string(src)+", so ROM-001, ROM-002 and ROM-003 could not judge it")
		}
	}
	if was := visible(prev.Image); was != "" && visible(now.Image) == "" {
		add("running image", was, "this audit read no running image, so IMG-001 and IMG-005 could not judge it")
	}
	if was := deviceHashes(prev.ImageHashes); was != "" && deviceHashes(now.ImageHashes) == "" {
		add("running image hash", was, "the device gave no hash of its own this audit, so IMG-002 could not judge the image")
	}
	if was := visible(prev.Boot.ConfigRegister); was != "" && visible(now.Boot.ConfigRegister) == "" {
		add("configuration register", was, "this audit read no configuration register, so BOOT-002 could not judge it")
	}
	return out
}

// romVersions lists the boot-firmware versions read over src, or "".
func romVersions(cs []facts.Component, src facts.Source) string {
	var vs []string
	for _, c := range cs {
		if c.Source == src && strings.TrimSpace(c.Version) != "" {
			vs = append(vs, visible(c.Version))
		}
	}
	return strings.Join(vs, ", ")
}

// deviceHashes names the files the device hashed itself, or "".
func deviceHashes(hs []facts.ImageHash) string {
	var files []string
	for _, h := range hs {
		if h.Source == facts.SourceDevice && (strings.TrimSpace(h.SHA512) != "" || strings.TrimSpace(h.SHA256) != "") {
			files = append(files, visible(h.File))
		}
	}
	return strings.Join(files, ", ")
}
