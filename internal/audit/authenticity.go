package audit

import (
	"fmt"
	"strings"
)

// checkImageSigning is SIG-001: `show software authenticity running` says
// the running image (or a package or the ROMMON) is not signed with a
// release key: Image type other than Production (Special, development), or
// a signer other than CiscoSystems.
func checkImageSigning(in Input, r Rule) []Finding {
	bi := in.Facts.Integrity
	if bi == nil {
		return nil
	}
	var out []Finding
	for _, s := range bi.Authenticity {
		typ := strings.TrimSpace(s.ImageType)
		cn := strings.TrimSpace(s.CommonName)
		if (typ == "" || strings.EqualFold(typ, "Production")) && (cn == "" || cn == "CiscoSystems") {
			continue
		}
		what := visible(s.Section)
		if s.File != "" {
			what += " " + visible(s.File)
		}
		evidence := fmt.Sprintf("show software authenticity running: %s: Image type %q, signer %q, key version %q",
			what, visible(typ), visible(cn), visible(s.KeyVersion))
		f := r.finding(fmt.Sprintf("%s: %s / %s", what, visible(typ), visible(cn)), "Production / CiscoSystems", evidence)
		out = append(out, f.escalate(fmt.Sprintf(
			"%s is signed with a special or unknown key, not a release key: not a production build; playbook T1542.004: escalate", what)))
	}
	return out
}
