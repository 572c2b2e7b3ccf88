package report

import (
	"encoding/json"
	"io"
	"time"

	"fwaudit/internal/facts"
)

// SchemaV1 is the v1 JSON report's identifier (-o json-v1). v1 is frozen:
// its key set never changes; new fields go to v2 (json.go).
const SchemaV1 = "fwaudit.report/v1"

// JSONReportV1 is the fwaudit.report/v1 document, field for field as in DESIGN.md.
type JSONReportV1 struct {
	Schema     string         `json:"schema"`
	StartedAt  string         `json:"started_at"`
	FinishedAt string         `json:"finished_at"`
	Summary    SummaryV1      `json:"summary"`
	Devices    []JSONDeviceV1 `json:"devices"`
}

// SummaryV1 is the v1 summary: devices per status. An unassessed device
// counts as error (v1 has no unassessed), so a v1 consumer fails closed.
type SummaryV1 struct {
	Devices  int `json:"devices"`
	Clean    int `json:"clean"`
	Drift    int `json:"drift"`
	Error    int `json:"error"`
	Escalate int `json:"escalate"`
}

// JSONDeviceV1 is one device in the v1 report.
type JSONDeviceV1 struct {
	Name     string          `json:"name"`
	Address  string          `json:"address"`
	Platform string          `json:"platform"`
	Status   Status          `json:"status"`
	Error    string          `json:"error"`
	Facts    JSONFacts       `json:"facts"`
	Findings []JSONFindingV1 `json:"findings"`
	Plan     JSONPlan        `json:"plan"`
}

// JSONFacts is the contract's facts object; facts.Facts may carry more.
type JSONFacts struct {
	Model            string           `json:"model"`
	Serial           string           `json:"serial"`
	OSVersion        string           `json:"os_version"`
	Image            string           `json:"image"`
	ROMMON           []JSONComponent  `json:"rommon"`
	Boot             facts.BootConfig `json:"boot"`
	UptimeSeconds    int64            `json:"uptime_seconds"`
	LastReloadReason string           `json:"last_reload_reason"`
	ImageHashes      []JSONImageHash  `json:"image_hashes"`
	HostKeySHA256    string           `json:"host_key_sha256"`
	// Firewall (v2 only, firewalls only) says which security context the
	// facts were read in: "system" on a multiple-context ASA after
	// changeto system, "user context" when they could only be read there.
	Firewall *JSONFirewall `json:"firewall,omitempty"`
}

// JSONFirewall is the context a firewall's facts were read in.
type JSONFirewall struct {
	ContextMode string `json:"context_mode"` // single | multiple | "" (not read)
	Context     string `json:"context"`      // system | user context | "" (single mode)
}

// JSONComponent is one ROMMON / boot-loader reading.
type JSONComponent struct {
	Component string       `json:"component"`
	Version   string       `json:"version"`
	Source    facts.Source `json:"source"`
}

// JSONImageHash is one hash: file, sha512, source. A SHA-256-only hash
// (Junos `file checksum sha-256`) has an empty sha512; v1 stops there (adding
// a key would change its contract), v2 adds sha256 when there is one.
type JSONImageHash struct {
	File   string       `json:"file"`
	SHA512 string       `json:"sha512"`
	SHA256 string       `json:"sha256,omitempty"` // v2 only
	Source facts.Source `json:"source"`
}

func jsonImageHashes(hs []facts.ImageHash, withSHA256 bool) []JSONImageHash {
	out := make([]JSONImageHash, 0, len(hs))
	for _, h := range hs {
		j := JSONImageHash{File: h.File, SHA512: h.SHA512, Source: h.Source}
		if withSHA256 {
			j.SHA256 = h.SHA256
		}
		out = append(out, j)
	}
	return out
}

// JSONFindingV1 is one finding in v1.
type JSONFindingV1 struct {
	Rule             string `json:"rule"`
	Severity         string `json:"severity"`
	Title            string `json:"title"`
	Expected         string `json:"expected"`
	Observed         string `json:"observed"`
	Evidence         string `json:"evidence"`
	Escalate         bool   `json:"escalate"`
	EscalationReason string `json:"escalation_reason"`
}

// JSONPlan is the revert plan attached to a device.
type JSONPlan struct {
	Steps []string `json:"steps"`
}

// NewJSONReportV1 maps a run onto the v1 schema. Empty lists are [] (never
// null) so consumers can iterate without checks. v1 has no unassessed: such
// a device is "error" with the reason as its error, so it is never taken
// for clean.
func NewJSONReportV1(r Run) JSONReportV1 {
	s := r.Summary()
	out := JSONReportV1{
		Schema:     SchemaV1,
		StartedAt:  r.StartedAt.UTC().Format(time.RFC3339),
		FinishedAt: r.FinishedAt.UTC().Format(time.RFC3339),
		Summary: SummaryV1{Devices: s.Devices, Clean: s.Clean, Drift: s.Drift,
			Error: s.Error + s.Unassessed, Escalate: s.Escalate},
		Devices: make([]JSONDeviceV1, 0, len(r.Devices)),
	}
	for _, d := range r.Devices {
		out.Devices = append(out.Devices, jsonDeviceV1(d))
	}
	return out
}

func jsonDeviceV1(d Device) JSONDeviceV1 {
	jd := JSONDeviceV1{
		Name: d.Name, Address: d.Address, Platform: d.Platform,
		Status: d.Status(), Error: d.Error,
		Facts:    jsonFacts(d.Facts, false),
		Findings: make([]JSONFindingV1, 0, len(d.Findings)),
		Plan:     JSONPlan{Steps: nonNil(d.Plan.Lines())},
	}
	if jd.Status == StatusUnassessed {
		jd.Status, jd.Error = StatusError, "unassessed: "+d.Reason()
	}
	for _, x := range d.Findings {
		jd.Findings = append(jd.Findings, JSONFindingV1{
			Rule: x.Rule, Severity: string(x.Severity), Title: x.Title,
			Expected: x.Expected, Observed: x.Observed, Evidence: x.Evidence,
			Escalate: x.Escalate, EscalationReason: x.EscalationReason,
		})
	}
	return jd
}

func jsonFacts(f facts.Facts, withSHA256 bool) JSONFacts {
	jf := JSONFacts{
		Model: f.Model, Serial: f.Serial, OSVersion: f.OSVersion, Image: f.Image,
		ROMMON: make([]JSONComponent, 0, len(f.ROMMON)),
		Boot:   f.Boot, UptimeSeconds: f.UptimeSeconds, LastReloadReason: f.LastReloadReason,
		ImageHashes: jsonImageHashes(f.ImageHashes, withSHA256), HostKeySHA256: f.HostKeySHA256,
	}
	jf.Boot.System = nonNil(f.Boot.System)
	if withSHA256 && f.Firewall != nil { // v2
		jf.Firewall = &JSONFirewall{ContextMode: f.Firewall.ContextMode, Context: f.Firewall.Context}
	}
	for _, c := range f.ROMMON {
		jf.ROMMON = append(jf.ROMMON, JSONComponent{Component: c.Name, Version: c.Version, Source: c.Source})
	}
	return jf
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// RenderJSONV1 writes the run as an indented fwaudit.report/v1 document.
func RenderJSONV1(w io.Writer, r Run) error {
	return encodeJSON(w, NewJSONReportV1(r))
}

// encodeJSON writes v indented. encoding/json escapes every control
// character, so hostile device strings cannot inject terminal sequences.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
