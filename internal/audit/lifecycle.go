package audit

import "time"

// State is where a finding is in its lifecycle (issue 12 point 4): new on
// the first report that holds it, open when seen before and not accepted,
// accepted when a person accepted it (with a reason and maybe an expiry).
type State string

const (
	StateNew      State = "new"
	StateOpen     State = "open"
	StateAccepted State = "accepted"
)

// Lifecycle is what the history store knows of a finding across runs. The
// store fills it; nil means the store has no lifecycle for the finding yet,
// and the report shows it as new, first and last seen at the run's time.
type Lifecycle struct {
	State     State       `json:"state"`
	FirstSeen time.Time   `json:"first_seen"`
	LastSeen  time.Time   `json:"last_seen"`
	Accepted  *Acceptance `json:"accepted,omitempty"` // set when State is accepted
}

// Acceptance records who accepted a finding, when, why, until when (zero:
// no expiry) and under which ticket.
type Acceptance struct {
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
	Until  time.Time `json:"until,omitzero"`
	Ticket string    `json:"ticket,omitempty"`
}

// StateOf is the finding's state: its lifecycle's, or new when none.
func (f Finding) StateOf() State {
	if f.Lifecycle == nil || f.Lifecycle.State == "" {
		return StateNew
	}
	return f.Lifecycle.State
}
