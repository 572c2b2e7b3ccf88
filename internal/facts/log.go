package facts

import "time"

// LogEvent is one security-relevant event from the device's log or a
// collector's syslog file: a login, a transfer, a reload, an upgrade.
type LogEvent struct {
	Time    time.Time `json:"time,omitzero"`
	Kind    string    `json:"kind"`             // login | transfer | reload | rommon_upgrade | image_copy | config
	Source  string    `json:"source,omitempty"` // address involved, when the line names one
	User    string    `json:"user,omitempty"`
	File    string    `json:"file,omitempty"`
	Message string    `json:"message"` // the cleaned line, for evidence
	Origin  string    `json:"origin,omitempty"`
}
