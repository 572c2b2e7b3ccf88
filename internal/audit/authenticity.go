package audit

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// checkImageSigning is SIG-001: `show software authenticity running` says
// the running image (or one of its packages, or the ROMMON) is not signed
// with a release key: Image type other than Production (Special,
// development), or a signer other than CiscoSystems. One finding lists
// every such section.
func checkImageSigning(in Input, r Rule) []Finding {
	var bad, detail []string
	if fw := in.Facts.Firewall; fw != nil && fw.Signer != nil {
		bad, detail = asaSigner(*fw.Signer)
	}
	bi := in.Facts.Integrity
	if bi == nil {
		bi = &facts.BootIntegrity{}
	}
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
	if bi.Authenticity == nil {
		f := r.finding(strings.Join(bad, "; "), "Release / CiscoSystems", "show software authenticity running: "+strings.Join(detail, "; "))
		return []Finding{f.escalate("the running ASA image is not a Cisco release build (image type or signer): playbook T1542.004: escalate")}
	}
	evidence := "show software authenticity running: " + strings.Join(detail, "; ")
	f := r.finding(strings.Join(bad, "; "), "Production / CiscoSystems", evidence)
	return []Finding{f.escalate(
		"the running software is signed with a special or unknown key, not a release key: not a production build; playbook T1542.004: escalate")}
}

// asaSigner judges the ASA form of the same command (facts.Firewall.Signer):
// a release image says "Image type : Release", signed by organization
// CiscoSystems (common name abraxas; Cisco's ASA forensic guide). A
// Development image or another organization is reported.
func asaSigner(s facts.Signer) (bad, detail []string) {
	typ, org := strings.TrimSpace(s.ImageType), strings.TrimSpace(s.Organization)
	if strings.EqualFold(typ, "Release") && org == "CiscoSystems" {
		return nil, nil
	}
	bad = []string{fmt.Sprintf("running image: %s / %s", visible(typ), visible(org))}
	detail = []string{fmt.Sprintf("running image: Image type %q, organization %q, common name %q, certificate serial %q, key version %q",
		visible(typ), visible(org), visible(s.CommonName), visible(s.Serial), visible(s.KeyVersion))}
	return bad, detail
}
