package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// executableSuffixes are file types a device can boot or flash: images,
// install packages, ROMMON/FPGA packages, S-records, signed bundles.
var executableSuffixes = []string{".bin", ".pkg", ".srec", ".spa", ".rom", ".img", ".iso", ".tar"}

// checkUnexpectedFiles is FILE-001: an executable file on the device's boot
// storage that the baseline does not approve and that nothing references
// (a staged implant or ROMMON package). Files the device runs or will boot
// are left to IMG-001 / BOOT-001. Quiet without a listing or a baseline
// with images.
func checkUnexpectedFiles(in Input, r Rule) []Finding {
	m := in.Model
	if m == nil || len(m.Images) == 0 || len(in.Facts.Files) == 0 {
		return nil
	}
	used := map[string]bool{facts.BaseName(in.Facts.Image): true}
	for _, b := range in.Facts.Boot.System {
		used[facts.BaseName(b)] = true
	}
	var out []Finding
	for _, f := range in.Facts.Files {
		name := facts.BaseName(f.Name)
		if !executable(name) || used[name] {
			continue
		}
		if _, ok := m.Image(name); ok {
			continue
		}
		if m.ROMMON != nil && m.ROMMON.Package != nil && strings.EqualFold(m.ROMMON.Package.File, name) {
			continue
		}
		evidence := fmt.Sprintf("%s (%d bytes) is on the device's storage; baseline model %q (%s) approves none of that name and the device neither runs nor boots it",
			visible(f.Name), f.Size, m.Pattern, where(m))
		out = append(out, r.finding(visible(f.Name), list(m.ImageNames()), evidence))
	}
	return out
}

func executable(name string) bool {
	l := strings.ToLower(name)
	for _, s := range executableSuffixes {
		if strings.HasSuffix(l, s) || strings.Contains(l, s+".") { // x.srec.1, x.SPA.bin
			return true
		}
	}
	return false
}
