package audit

// Rule IDs. This table is the only place they are written; other packages
// and tests use these constants.
const (
	ROM001   = "ROM-001"
	IMG001   = "IMG-001"
	IMG002   = "IMG-002"
	BOOT001  = "BOOT-001"
	BOOT002  = "BOOT-002"
	SSH001   = "SSH-001"
	BASE001  = "BASE-001"
	PARSE001 = "PARSE-001"
)

// ATT&CK techniques the rules defend against.
const (
	techROMMONkit = "T1542.004" // Pre-OS Boot: ROMMONkit
	techAiTM      = "T1557"     // Adversary-in-the-Middle
)

// Rule is one entry of the catalogue.
type Rule struct {
	ID        string
	Title     string
	Severity  Severity // default; a rule may lower it for a weaker case (PARSE-001)
	Technique string
	check     func(Input, Rule) []Finding
}

// rules is the catalogue, in DESIGN.md order. Not yet implemented: ROM-002,
// ROM-003, IMG-003, IMG-004, REL-001, LOG-001, LOG-002, BIV-001.
var rules = []Rule{
	{ROM001, "ROMMON / boot-loader version not approved for the model", High, techROMMONkit, checkROMMONApproved},
	{IMG001, "running image not in the approved list", High, techROMMONkit, checkRunningImage},
	{IMG002, "image hash differs from the approved sha512", Critical, techROMMONkit, checkImageHash},
	{BOOT001, "boot variable points at an image not approved", High, techROMMONkit, checkBootSystem},
	{BOOT002, "configuration register not the expected one", High, techROMMONkit, checkConfigRegister},
	{SSH001, "host key differs from the pinned one (credentials were not sent)", Critical, techAiTM, checkHostKey},
	{BASE001, "no baseline for model", Info, "", checkNoBaseline},
	{PARSE001, "could not read the boot chain", Medium, "", checkParsed},
}

// Rules returns the catalogue of implemented rules.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// Lookup returns the rule with id.
func Lookup(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Evaluate runs every rule on in and returns the findings sorted by severity
// then rule ID; the order is deterministic. Every string is safe to print.
func Evaluate(in Input) []Finding {
	var out []Finding
	for _, r := range rules {
		out = append(out, r.check(in, r)...)
	}
	for i := range out {
		out[i].sanitize()
	}
	sortFindings(out)
	return out
}

// finding starts a finding of rule r with its catalogue fields.
func (r Rule) finding(observed, expected, evidence string) Finding {
	return Finding{Rule: r.ID, Title: r.Title, Severity: r.Severity, Technique: r.Technique,
		Observed: observed, Expected: expected, Evidence: evidence}
}
