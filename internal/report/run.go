package report

import (
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
	"fwaudit/internal/plan"
)

// Status is a device's outcome in one run.
type Status string

const (
	StatusClean      Status = "clean"
	StatusDrift      Status = "drift"
	StatusError      Status = "error"
	StatusUnassessed Status = "unassessed" // read, but not compared with an approved baseline
)

// Statuses lists every status, in the order summaries show them.
var Statuses = []Status{StatusClean, StatusDrift, StatusError, StatusUnassessed}

// Device is one device's result, as the renderers see it.
type Device struct {
	Name, Address, Platform string
	Error                   string // empty when the audit completed
	Facts                   facts.Facts
	Findings                []audit.Finding
	Plan                    plan.Plan // empty when there is nothing to revert
	// Baseline is the model pattern of the baseline entry the device
	// matched ("" when none); Run.Approved holds its approved versions.
	Baseline string
	// History is the device's past snapshots, oldest first (from the store);
	// empty when none are kept.
	History []HistoryPoint
	// Site, Role and Credentials come from the inventory (the credential
	// entry's name, never a secret); the triage view uses them.
	Site, Role, Credentials string
	// Related says why `fwaudit audit NAME --related` audited this device.
	Related string
	// Integrity is what the boot-integrity rules checked and did not
	// (audit.IntegrityChecks); the detail view prints it.
	Integrity []audit.IntegrityCheck
}

// HistoryPoint is one past snapshot of a device.
type HistoryPoint struct {
	TakenAt  time.Time
	ROMMON   string
	Image    string
	Findings int
	// Failed: the device could not be audited at this snapshot.
	Failed bool
	// Current: this is the snapshot the run itself just wrote (the
	// timeline then adds no extra point for the run).
	Current bool
	// Facts are what change.Compare reads of the snapshot: the timelines'
	// changes come from the same model as the history rules and diff.
	Facts facts.Facts
}

// ModelKey names one baseline model entry.
type ModelKey struct{ Platform, Pattern string }

// Status derives the outcome: drift when any finding that is not accepted
// is above info (drift outranks errors: a refused host key is both), error
// when the audit did not complete, unassessed when audit.Assess says the
// findings are no verdict (no baseline, boot firmware unreadable, …),
// clean otherwise. A device is clean only on evidence.
func (d Device) Status() Status {
	for _, f := range d.Findings {
		if f.Severity != audit.Info && f.StateOf() != audit.StateAccepted {
			return StatusDrift
		}
	}
	if d.Error != "" {
		return StatusError
	}
	if !audit.Assess(d.Findings).Assessed {
		return StatusUnassessed
	}
	return StatusClean
}

// Reason says why the device is unassessed or in error; empty otherwise.
func (d Device) Reason() string {
	switch d.Status() {
	case StatusError:
		return d.Error
	case StatusUnassessed:
		return audit.Assess(d.Findings).Reason
	}
	return ""
}

// Escalated reports whether any finding asks for escalation.
func (d Device) Escalated() bool { return audit.Escalated(d.Findings) }

// Run is one sweep or audit.
type Run struct {
	StartedAt, FinishedAt time.Time
	Devices               []Device
	// Approved maps each baseline model entry to its approved ROMMON /
	// boot-loader versions (the HTML report compares the fleet with it).
	Approved map[ModelKey][]string
}

// Summary counts devices per status and findings per lifecycle state.
type Summary struct {
	Devices    int `json:"devices"`
	Clean      int `json:"clean"`
	Drift      int `json:"drift"`
	Error      int `json:"error"`
	Unassessed int `json:"unassessed"`
	Escalate   int `json:"escalate"`
	// New, Open and Accepted count findings (not devices) by state.
	New      int `json:"new"`
	Open     int `json:"open"`
	Accepted int `json:"accepted"`
}

// Summary counts the run's devices by status and findings by state.
func (r Run) Summary() Summary {
	s := Summary{Devices: len(r.Devices)}
	for _, d := range r.Devices {
		switch d.Status() {
		case StatusClean:
			s.Clean++
		case StatusDrift:
			s.Drift++
		case StatusError:
			s.Error++
		case StatusUnassessed:
			s.Unassessed++
		}
		if d.Escalated() {
			s.Escalate++
		}
		for _, f := range d.Findings {
			switch f.StateOf() {
			case audit.StateNew:
				s.New++
			case audit.StateOpen:
				s.Open++
			case audit.StateAccepted:
				s.Accepted++
			}
		}
	}
	return s
}

// Failing counts the devices with a finding at or above severity min that
// is not accepted: the devices that make the exit code drift under
// --fail-on min. Info findings never count.
func (r Run) Failing(min audit.Severity) int {
	n := 0
	for _, d := range r.Devices {
		for _, f := range d.Findings {
			if f.Severity != audit.Info && f.Severity.Rank() >= min.Rank() && f.StateOf() != audit.StateAccepted {
				n++
				break
			}
		}
	}
	return n
}
