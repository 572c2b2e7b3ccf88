package pipeline

import (
	"log/slog"
	"time"

	"fwaudit/internal/audit"
	"fwaudit/internal/plan"
	"fwaudit/internal/sweep"
)

// References are the files every audit reads.
type References struct {
	Inventory string // file or folder
	Baselines string // folder
	Changes   string // change-window file; "" → Baselines/changes.yaml when present
	// Advisories is the known-exploited advisory feed folder (ADV-001);
	// "" → Baselines/advisories/ (the shipped feed), "none" → no feed.
	Advisories string
}

// Selection picks the devices to audit. Names select exactly the devices
// named (globs allowed); they cannot be combined with Globs, Filter or
// Shard, which select from the whole inventory.
type Selection struct {
	Names  []string // positional NAME arguments
	Globs  []string // --device
	Filter string   // --filter site=dc1,role=core
	Shard  string   // --shard K/N
	// Related adds the devices that share a site, role or credentials with
	// the named ones, ranked by what they share, at most RelatedMax.
	Related    bool
	RelatedMax int
}

// History configures the history store and what is compared with it.
type History struct {
	State    string        // SQLite path or postgres:// URL; "" or "none": no history
	LockWait time.Duration // how long to wait for another run's lock
	Label    string        // carried by this run's snapshots (snapshot --label)
	// Pre replaces each device's previous snapshot (verify-change --pre).
	Pre map[string]*audit.Previous
	// OnlyChange keeps only this change record of the change windows.
	OnlyChange string
	// Timelines gives each report device its newest snapshots (html,
	// markdown).
	Timelines bool
	// HeadsOut, when set, receives the store's chain-head statement after
	// the run (store verify --heads checks a store against it).
	HeadsOut string
}

// Options configure one audit run.
type Options struct {
	References
	Selection
	History History
	Sweep   sweep.Options // collection knobs; Baselines, Changes, History, Logger and OnResult are set by Run
	Plan    plan.Options
	Logger  *slog.Logger
	// Progress, when set, is started once the device count is known; the
	// returned done is called per finished device, stop at the end.
	Progress       func(total int) (done func(sweep.Result), stop func())
	ProgramVersion string
}

// stateNone disables the history store (--state none).
const stateNone = "none"

// HistoryEnabled reports whether state names a history store.
func HistoryEnabled(state string) bool { return state != "" && state != stateNone }

func (o *Options) logger() *slog.Logger {
	if o.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Logger
}
