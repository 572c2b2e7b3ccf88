package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/release"
)

// checkRunningImage is IMG-001: the running image's bare file name is not
// an approved image of the model. On a platform that prints no running
// image path (Arista EOS, Junos: Image is empty) the running OS version is
// compared with the versions of the approved images instead
// (checkRunningVersion). Quiet when the baseline lists no images or neither
// the running image nor (for the version check) the OS version was read;
// PARSE-001 then says IMG-001 did not run.
func checkRunningImage(in Input, r Rule) []Finding {
	m := in.Model
	image := strings.TrimSpace(in.Facts.Image)
	if m == nil || len(m.Images) == 0 {
		return nil
	}
	if image == "" {
		return checkRunningVersion(in, r)
	}
	if _, ok := m.Image(facts.BaseName(image)); ok {
		return nil
	}
	shown := visible(image)
	evidence := fmt.Sprintf("running image %s (bare name %s) is not among the images of baseline model %q (%s)",
		shown, visible(facts.BaseName(image)), m.Pattern, where(m))
	f := r.finding(shown, list(m.ImageNames()), evidence)
	return []Finding{f.escalate(notApproved("running image", shown, m.ImageNames(), m))}
}

// imageByVersion reports whether IMG-001 judges the device by its OS
// version: no running image path was read, the OS version was, and the
// model's images name the versions they install.
func imageByVersion(in Input) bool {
	return in.Model != nil && strings.TrimSpace(in.Facts.Image) == "" &&
		strings.TrimSpace(in.Facts.OSVersion) != "" && len(in.Model.ImageVersions()) > 0
}

// checkRunningVersion is IMG-001 where the platform prints no running image
// path: the running OS version must be the version of an approved image.
// Versions are compared as releases (release.Same: 4.28.03M is 4.28.3M,
// 9.16(4)85 is 9.16.4.85), not as text.
func checkRunningVersion(in Input, r Rule) []Finding {
	if !imageByVersion(in) {
		return nil
	}
	m := in.Model
	running := strings.TrimSpace(in.Facts.OSVersion)
	for _, v := range m.ImageVersions() {
		if release.Same(v, running) {
			return nil
		}
	}
	shown := visible(running)
	evidence := fmt.Sprintf("the device prints no running image path, so the running OS version %s was compared with the versions of the images of baseline model %q (%s): none installs it",
		shown, m.Pattern, where(m))
	f := r.finding("OS version "+shown, "an image of version "+list(m.ImageVersions()), evidence)
	return []Finding{f.escalate(notApproved("running OS version", shown, m.ImageVersions(), m))}
}

// checkImageHash is IMG-002: a hash of an approved image (matched by bare
// name) differs from the baseline's digest, compared on sha512 when both
// sides have one, else on sha256 (CompareImageHash). One finding per hash,
// so a device's own verify and the off-box hash are reported separately.
func checkImageHash(in Input, r Rule) []Finding {
	m := in.Model
	if m == nil {
		return nil
	}
	var out []Finding
	for _, h := range in.Facts.ImageHashes {
		im, ok := m.Image(facts.BaseName(strings.TrimSpace(h.File)))
		if !ok {
			continue
		}
		c, ok := CompareImageHash(h, im)
		if !ok || !c.Differs {
			continue
		}
		file := visible(h.File)
		evidence := fmt.Sprintf("%s; baseline model %q (%s) approves %s with a different %s",
			hashSource(h.Source, c.Algo, file), m.Pattern, where(m), im.File, c.Algo)
		f := r.finding(visible(c.Observed), c.Expected, evidence)
		out = append(out, f.escalate(fmt.Sprintf(
			"%s of %s does not match the approved image %s: the file on the device is not the approved build; playbook T1542.004: escalate",
			c.Algo, file, im.File)))
	}
	return out
}

// hashSource says who computed a hash: the device (which may lie) or fwaudit.
func hashSource(s facts.Source, algo, file string) string {
	switch s {
	case facts.SourceDevice:
		if algo == "sha256" {
			return fmt.Sprintf("device's own sha256 checksum of %s", file)
		}
		return fmt.Sprintf("device's own verify /sha512 of %s", file)
	case facts.SourceOffbox:
		return fmt.Sprintf("off-box %s of %s, computed by fwaudit from the bytes streamed off the device", algo, file)
	}
	return fmt.Sprintf("%s of %s (source %s)", algo, file, visible(string(s)))
}
