package report

import (
	"encoding/json"
	"io"
	"time"

	"fwaudit/internal/facts"
)

// Schema is the JSON report's schema identifier. Change it only with a
// deliberate, documented break of the contract.
const Schema = "fwaudit.report/v1"

// JSONReport is the fwaudit.report/v1 document, field for field as in DESIGN.md.
type JSONReport struct {
	Schema     string       `json:"schema"`
	StartedAt  string       `json:"started_at"`
	FinishedAt string       `json:"finished_at"`
	Summary    Summary      `json:"summary"`
	Devices    []JSONDevice `json:"devices"`
}

// JSONDevice is one device in the report.
type JSONDevice struct {
	Name     string        `json:"name"`
	Address  string        `json:"address"`
	Platform string        `json:"platform"`
	Status   Status        `json:"status"`
	Error    string        `json:"error"`
	Facts    JSONFacts     `json:"facts"`
	Findings []JSONFinding `json:"findings"`
	Plan     JSONPlan      `json:"plan"`
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
}

// JSONComponent is one ROMMON / boot-loader reading.
type JSONComponent struct {
	Component string       `json:"component"`
	Version   string       `json:"version"`
	Source    facts.Source `json:"source"`
}

// JSONImageHash is one hash in the v1 schema: file, sha512, source. A
// SHA-256-only hash (Junos `file checksum sha-256`) has an empty sha512 here;
// the detail, markdown and html views and the store keep the sha256. Adding
// the key would change the v1 contract.
type JSONImageHash struct {
	File   string       `json:"file"`
	SHA512 string       `json:"sha512"`
	Source facts.Source `json:"source"`
}

func jsonImageHashes(hs []facts.ImageHash) []JSONImageHash {
	out := make([]JSONImageHash, 0, len(hs))
	for _, h := range hs {
		out = append(out, JSONImageHash{File: h.File, SHA512: h.SHA512, Source: h.Source})
	}
	return out
}

// JSONFinding is one finding.
type JSONFinding struct {
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

// NewJSONReport maps a run onto the v1 schema. Empty lists are [] (never
// null) so consumers can iterate without checks.
func NewJSONReport(r Run) JSONReport {
	out := JSONReport{
		Schema:     Schema,
		StartedAt:  r.StartedAt.UTC().Format(time.RFC3339),
		FinishedAt: r.FinishedAt.UTC().Format(time.RFC3339),
		Summary:    r.Summary(),
		Devices:    make([]JSONDevice, 0, len(r.Devices)),
	}
	for _, d := range r.Devices {
		out.Devices = append(out.Devices, jsonDevice(d))
	}
	return out
}

func jsonDevice(d Device) JSONDevice {
	f := d.Facts
	jd := JSONDevice{
		Name: d.Name, Address: d.Address, Platform: d.Platform,
		Status: d.Status(), Error: d.Error,
		Facts: JSONFacts{
			Model: f.Model, Serial: f.Serial, OSVersion: f.OSVersion, Image: f.Image,
			ROMMON: make([]JSONComponent, 0, len(f.ROMMON)),
			Boot:   f.Boot, UptimeSeconds: f.UptimeSeconds, LastReloadReason: f.LastReloadReason,
			ImageHashes: jsonImageHashes(f.ImageHashes), HostKeySHA256: f.HostKeySHA256,
		},
		Findings: make([]JSONFinding, 0, len(d.Findings)),
		Plan:     JSONPlan{Steps: nonNil(d.Plan.Lines())},
	}
	jd.Facts.Boot.System = nonNil(f.Boot.System)
	for _, c := range f.ROMMON {
		jd.Facts.ROMMON = append(jd.Facts.ROMMON, JSONComponent{Component: c.Name, Version: c.Version, Source: c.Source})
	}
	for _, x := range d.Findings {
		jd.Findings = append(jd.Findings, JSONFinding{
			Rule: x.Rule, Severity: string(x.Severity), Title: x.Title,
			Expected: x.Expected, Observed: x.Observed, Evidence: x.Evidence,
			Escalate: x.Escalate, EscalationReason: x.EscalationReason,
		})
	}
	return jd
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// RenderJSON writes the run as an indented fwaudit.report/v1 document.
// encoding/json escapes every control character, so hostile device strings
// cannot inject terminal sequences through it.
func RenderJSON(w io.Writer, r Run) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(NewJSONReport(r))
}
