package notify

import (
	"fmt"

	"fwaudit/internal/audit"
	"fwaudit/internal/report"
)

// Which findings a SIEM is sent (--notify).
const (
	// NotifyNew sends the findings reported for the first time: one alert
	// per finding, however many nightly runs it stays open.
	NotifyNew = "new"
	// NotifyOpen sends every finding not accepted, each run: for SIEMs that
	// expire alerts, so an alert stays up until a person accepts it.
	NotifyOpen = "open"
)

// NotifyChoices are the --notify values.
var NotifyChoices = []string{NotifyNew, NotifyOpen}

// notified reports whether x is sent under mode ("" is NotifyNew).
// Accepted findings are never sent.
func notified(x audit.Finding, mode string) (bool, error) {
	switch mode {
	case "", NotifyNew:
		return x.StateOf() == audit.StateNew, nil
	case NotifyOpen:
		return x.StateOf() != audit.StateAccepted, nil
	}
	return false, fmt.Errorf("notify: %q is not one of new, open", mode)
}

// countNotified counts the findings of r sent under mode.
func countNotified(r report.Run, mode string) (int, error) {
	n := 0
	for _, d := range r.Devices {
		for _, x := range d.Findings {
			ok, err := notified(x, mode)
			if err != nil {
				return 0, err
			}
			if ok {
				n++
			}
		}
	}
	return n, nil
}
