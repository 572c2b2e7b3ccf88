package audit

import (
	"fmt"
	"strings"
)

// checkImageSigning is SIG-001: `show software authenticity running` says
// the running image (or one of its packages, or the ROMMON) is not signed
// with a release key: Image type other than Production (Special,
// development), or a signer other than CiscoSystems. One finding lists
// every such section.
func checkImageSigning(in Input, r Rule) []Finding {
	bi := in.Facts.Integrity
	if bi == nil {
		return nil
	}
	var bad, detail []string
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
		bad = append(bad, fmt.Sprintf("%s: %s / %s", what, visible(typ), visible(cn)))
		detail = append(detail, fmt.Sprintf("%s: Image type %q, signer %q, key version %q",
			what, visible(typ), visible(cn), visible(s.KeyVersion)))
	}
	if len(bad) == 0 {
		return nil
	}
	evidence := "show software authenticity running: " + strings.Join(detail, "; ")
	f := r.finding(strings.Join(bad, "; "), "Production / CiscoSystems", evidence)
	return []Finding{f.escalate(
		"the running software is signed with a special or unknown key, not a release key: not a production build; playbook T1542.004: escalate")}
}
