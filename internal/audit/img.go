package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// checkRunningImage is IMG-001: the running image's bare file name is not
// an approved image of the model. Quiet when the baseline lists no images or
// the running image was not read.
func checkRunningImage(in Input, r Rule) []Finding {
	m := in.Model
	image := strings.TrimSpace(in.Facts.Image)
	if m == nil || len(m.Images) == 0 || image == "" {
		return nil
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
