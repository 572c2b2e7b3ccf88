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
	Message string    `json:"message"`          // the cleaned line, for evidence
	Origin  string    `json:"origin,omitempty"` // where the line came from: a command, or file:line
	Host    string    `json:"host,omitempty"`   // the host that logged it (syslog HOSTNAME), when known
	// Program is the syslog APP-NAME / tag or the IOS facility-mnemonic
	// (SEC_LOGIN-5-LOGIN_SUCCESS).
	Program string `json:"program,omitempty"`
}

// Kinds of LogEvent.
const (
	LogLogin         = "login"
	LogLoginFailed   = "login_failed"
	LogTransfer      = "transfer"
	LogReload        = "reload"
	LogROMMONUpgrade = "rommon_upgrade"
	LogImageCopy     = "image_copy"
	LogConfig        = "config"
)
