package facts

// Install is the install-mode state of IOS XE (`show install summary`):
// which software packages are active and whether the activation was
// committed. An activated but uncommitted package runs now and rolls back
// at the next reload or when the abort timer fires.
type Install struct {
	Packages  []InstallPackage `json:"packages"`
	AutoAbort string           `json:"auto_abort,omitempty"` // "inactive", or the timer text when a rollback is pending
}

// InstallPackage is one row of show install summary.
type InstallPackage struct {
	Location string `json:"location,omitempty"` // "R0", "Chassis 1/R0"
	Type     string `json:"type"`               // IMG, SMU, APSP, ...
	State    string `json:"state"`              // I inactive, U activated & uncommitted, C activated & committed, D deactivated & uncommitted
	Name     string `json:"name"`               // Filename/Version as printed
}

// Install package states as show install summary prints them.
const (
	InstallInactive    = "I"
	InstallUncommitted = "U"
	InstallCommitted   = "C"
	InstallDeactivated = "D"
)

// Variable is one ROMMON environment variable (`show romvar`), as printed.
type Variable struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}
