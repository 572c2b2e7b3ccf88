package plan

import (
	"strings"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
)

// Phase says where a step sits in the order a plan must be followed.
type Phase string

const (
	// PhaseEvidence steps read only; they come before any change, because a
	// reload destroys volatile evidence (Cisco forensic guides).
	PhaseEvidence Phase = "evidence"
	// PhaseStage copies approved files to the device and verifies their hash.
	PhaseStage Phase = "stage"
	// PhaseRevert changes the boot chain back to the baseline.
	PhaseRevert Phase = "revert"
	// PhaseReload restarts the device, inside a change window only.
	PhaseReload Phase = "reload"
	// PhaseVerify proves the result.
	PhaseVerify Phase = "verify"
)

// Mode says how a step's commands are entered.
type Mode string

const (
	ModeExec   Mode = "exec"   // privileged exec commands, one by one
	ModeConfig Mode = "config" // first command enters configuration mode, last one leaves (and commits)
)

// Step is one action of a plan: the exact commands, the output that proves
// it worked, and what to do when the output differs.
type Step struct {
	Phase     Phase    `json:"phase"`
	Title     string   `json:"title"`
	Mode      Mode     `json:"mode"`
	Commands  []string `json:"commands"`
	Expect    string   `json:"expect"`
	IfDiffers string   `json:"if_differs"`
	// Note carries cautions; for a command not confirmed against vendor
	// documentation it says so ([K]) and Unconfirmed is set.
	Note        string   `json:"note,omitempty"`
	Unconfirmed bool     `json:"unconfirmed"`
	Rules       []string `json:"rules,omitempty"` // the findings this step addresses
	// Disruptive steps (reload, firmware writes) run only inside an approved
	// change window; automation must not run them by default.
	Disruptive bool `json:"disruptive"`
	// Blocked is set when the plan cannot give the commands (no package in
	// the baseline, no baseline at all); Note says what is missing.
	Blocked bool `json:"blocked"`
}

// Option is one containment choice for the analyst. Options are not steps:
// the analyst picks which (if any) apply, before the plan's steps.
type Option struct {
	Title    string   `json:"title"`
	When     string   `json:"when"`
	Mode     Mode     `json:"mode"`
	Commands []string `json:"commands"`
	Expect   string   `json:"expect"`
	Note     string   `json:"note,omitempty"`
}

// Plan is the revert and containment plan of one device.
type Plan struct {
	Device      string   `json:"device"`
	Platform    string   `json:"platform"`
	Model       string   `json:"model"`
	Baseline    string   `json:"baseline"` // the baseline entry the plan restores (file:line)
	Rules       []string `json:"rules"`    // findings the plan reverts
	Containment []Option `json:"containment"`
	Steps       []Step   `json:"steps"`
	// Manual lists findings that no command reverts (a changed host key, a
	// login from an unknown address): they need investigation, not a revert.
	Manual []string `json:"manual"`
	// Inputs lists placeholders left in commands that the engineer must fill.
	Inputs []string `json:"inputs"`
}

// Empty reports whether the plan has nothing to do.
func (p Plan) Empty() bool { return len(p.Steps) == 0 && len(p.Manual) == 0 }

// Input is everything a plan is built from.
type Input struct {
	Device   string
	Platform string
	Facts    facts.Facts
	Findings []audit.Finding
	Model    *baseline.Model // nil: no baseline matched the device's model
	Policy   baseline.Policy
}

// Options are the site-specific parts of the commands.
type Options struct {
	// ImageSource is the URL of the folder that holds approved files, e.g.
	// scp://fwadmin@10.10.0.5/firmware; empty leaves a placeholder.
	ImageSource string
	// EvidenceDest is the URL of the folder where evidence is copied off
	// the box; empty leaves a placeholder.
	EvidenceDest string
	// Now dates evidence file names; zero leaves the date out (reports stay
	// reproducible; `fwaudit plan` sets it).
	Now time.Time
	// Nonce for signed boot-integrity measurements; 0 leaves a placeholder.
	// `fwaudit plan` draws a random one.
	Nonce uint32
}

const (
	sourcePlaceholder   = "<image-source>"
	evidencePlaceholder = "<evidence-dest>"
)

// Lines renders the steps as the report JSON's v1 plan: one string per
// step, "command; command — expect: …".
func (p Plan) Lines() []string {
	out := make([]string, 0, len(p.Steps))
	for _, s := range p.Steps {
		var b strings.Builder
		if len(s.Commands) == 0 {
			b.WriteString(s.Title)
		} else {
			b.WriteString(strings.Join(s.Commands, "; "))
		}
		if s.Expect != "" {
			b.WriteString(" — expect: " + s.Expect)
		}
		if s.Blocked {
			b.WriteString(" — blocked: " + s.Note)
		}
		out = append(out, b.String())
	}
	return out
}
