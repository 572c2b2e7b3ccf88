package audit

import (
	"fmt"
	"strings"
)

// Answers are the triage questions the SOC playbook (T1542.004) asks of a
// finding, answered; the escalation decision follows from them alone.
type Answers struct {
	// WindowChecked says a change-window lookup decided this finding;
	// WindowFound and Window (the change id) are its answer.
	WindowChecked bool   `json:"window_checked"`
	WindowFound   bool   `json:"window_found"`
	Window        string `json:"window,omitempty"`
	// Approved is whether the new version is on the model's approved list;
	// nil when no baseline says.
	Approved *bool  `json:"approved,omitempty"`
	Version  string `json:"version,omitempty"`
	// Addresses are the source addresses involved, each checked against
	// policy.management_networks.
	Addresses []AddressAnswer `json:"addresses,omitempty"`
}

// AddressAnswer is one source address and whether policy authorizes it.
type AddressAnswer struct {
	Address    string `json:"address"`
	Authorized bool   `json:"authorized"`
}

// decide applies the playbook: escalate when outside every window, when an
// unauthorized address is involved, or when the version is not approved.
// The reason lists every answer that led there.
func (f Finding) decide(a Answers) Finding {
	f.Answers = &a
	var why []string
	if a.WindowChecked && !a.WindowFound {
		why = append(why, "outside every change window")
	}
	for _, ad := range a.Addresses {
		if !ad.Authorized {
			why = append(why, fmt.Sprintf("source %s is outside the management networks", ad.Address))
		}
	}
	if a.Approved != nil && !*a.Approved {
		why = append(why, fmt.Sprintf("version %s is not approved", a.Version))
	}
	if len(why) == 0 {
		return f
	}
	return f.escalate(strings.Join(why, "; ") + "; playbook T1542.004: escalate")
}

func boolPtr(b bool) *bool { return &b }
