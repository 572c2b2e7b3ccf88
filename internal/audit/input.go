package audit

import (
	"crypto/x509"
	"time"

	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
	"fwaudit/internal/kgv"
)

// Input is everything the rules look at for one device.
type Input struct {
	Device, Platform string
	// NoBootSettings: the platform has neither a boot variable nor a
	// configuration register to read (platform.Platform.NoBootSettings), so
	// their absence is no coverage gap.
	NoBootSettings bool
	Facts          facts.Facts
	Model          *baseline.Model // nil when no baseline matches the model
	HasBaseline    bool            // whether any baseline exists for the platform (BASE-001 wording)
	Policy         baseline.Policy
	// HostKeyChanged is set by the sweep when collection refused a changed
	// host key; HostKeyError is that error's text (SSH-001 evidence).
	HostKeyChanged bool
	HostKeyError   string
	Now            time.Time
	// Changes are the change windows; nil means none is scheduled.
	Changes *baseline.Changes
	// Previous is the device's last snapshot; nil on the first audit.
	Previous *Previous
	// MustYield are the facts the platform's CLI always gives
	// (platform.Platform.MustYield), filled where the CLI was read: one
	// missing is FACT-001, history or not. Empty: none is required.
	MustYield []facts.Fact
	// KGV are the known-good boot-integrity values (BIV-001) and SUDIRoots
	// the trusted roots for signed measurements (BIV-002); nil → skipped.
	KGV       *kgv.Set
	SUDIRoots *x509.CertPool
	// Advisories is the offline known-exploited advisory feed (ADV-001);
	// nil → skipped.
	Advisories *baseline.Advisories
	// SUDIRootsFrom names SUDIRoots for the report (file and subjects).
	SUDIRootsFrom string

	// SNMPLost is why the SNMP channel configured for the device failed
	// while the CLI answered (SNMP-001); empty when SNMP answered or is
	// not configured.
	SNMPLost string

	// LegacySSH is set by the sweep when the device was reached with legacy
	// SSH algorithms enabled for it (SSH-002).
	LegacySSH bool

	// DetectedPlatform is the platform the device's own answers name when
	// they contradict the declared Platform, and DetectedFrom which answer
	// (PLAT-001). Empty when they agree or say nothing.
	DetectedPlatform, DetectedFrom string

	// Unrecorded names facts the saved outputs of an offline audit could
	// not hold (a config backup's format drops them), each with why;
	// PARSE-001 reports them, so such a device is never judged clean.
	Unrecorded []string

	// Lookback bounds first-sight judgments (a first audit's last reload,
	// log events before the first snapshot); 0 is DefaultLookback.
	Lookback time.Duration
}

// Previous is what the history store remembers of the device's last audit.
type Previous struct {
	SnapshotID int64
	TakenAt    time.Time
	Facts      facts.Facts
	// First: this is the device's first snapshot, trusted as taken.
	First bool
	// Trusted is, per history rule ID, the device's last snapshot trusted
	// for that rule (lifecycle.go); a rule missing here uses this one.
	Trusted map[string]*Previous
}
