package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// checkOffboxVsDevice is IMG-003: for a file hashed both by the device's
// own verify and off the box by fwaudit, the two differ — the device prints
// a hash that is not the one of the bytes it serves. Matched by bare name.
func checkOffboxVsDevice(in Input, r Rule) []Finding {
	var out []Finding
	for _, off := range in.Facts.ImageHashes {
		if off.Source != facts.SourceOffbox || strings.TrimSpace(off.SHA512) == "" {
			continue
		}
		for _, dev := range in.Facts.ImageHashes {
			if dev.Source != facts.SourceDevice || facts.BaseName(dev.File) != facts.BaseName(off.File) {
				continue
			}
			if strings.TrimSpace(dev.SHA512) == "" || strings.EqualFold(dev.SHA512, off.SHA512) {
				continue
			}
			file := visible(off.File)
			evidence := fmt.Sprintf("the device's verify /sha512 of %s printed %s; fwaudit streamed the file off the device and computed %s",
				file, visible(dev.SHA512), visible(off.SHA512))
			f := r.finding(visible(dev.SHA512), visible(off.SHA512), evidence)
			out = append(out, f.escalate(fmt.Sprintf(
				"the device reports a hash for %s that its own bytes do not have: its verify output is forged; playbook T1542.004: escalate", file)))
		}
	}
	return out
}

// checkApprovedImagePresent is IMG-004: an approved image the device runs
// or will boot is missing from the directory listing, or any approved
// image on the device has a size other than the baseline's. Quiet when no
// listing was collected or the baseline lists no images.
func checkApprovedImagePresent(in Input, r Rule) []Finding {
	m := in.Model
	if m == nil || len(m.Images) == 0 || len(in.Facts.Files) == 0 {
		return nil
	}
	sizes := map[string]int64{}
	for _, f := range in.Facts.Files {
		sizes[facts.BaseName(f.Name)] = f.Size
	}
	var out []Finding
	seen := map[string]bool{}
	for _, p := range append([]string{in.Facts.Image}, in.Facts.Boot.System...) {
		name := facts.BaseName(strings.TrimSpace(p))
		im, ok := m.Image(name)
		if !ok || seen[name] {
			continue
		}
		seen[name] = true
		if _, present := sizes[name]; !present {
			evidence := fmt.Sprintf("%s is referenced by the device (running image or boot variable) and approved by baseline model %q (%s), but the directory listing does not contain it",
				visible(p), m.Pattern, where(m))
			out = append(out, r.finding("missing", im.File, evidence))
		}
	}
	for _, f := range in.Facts.Files {
		im, ok := m.Image(facts.BaseName(f.Name))
		if !ok || im.Size <= 0 || im.Size == f.Size {
			continue
		}
		evidence := fmt.Sprintf("dir lists %s with %d bytes; baseline model %q (%s) approves %s with %d bytes",
			visible(f.Name), f.Size, m.Pattern, where(m), im.File, im.Size)
		out = append(out, r.finding(fmt.Sprintf("%d bytes", f.Size), fmt.Sprintf("%d bytes", im.Size), evidence))
	}
	return out
}
