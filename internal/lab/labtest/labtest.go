// Package labtest starts lab fleets from tests and stops them at cleanup.
package labtest

import (
	"context"
	"testing"

	"fwaudit/internal/lab"
)

// Start loads the fleet file and starts it on loopback; the lab is closed
// when the test ends.
func Start(t testing.TB, fleetPath string) *lab.Lab {
	t.Helper()
	f, err := lab.LoadFleet(fleetPath)
	if err != nil {
		t.Fatalf("labtest: %v", err)
	}
	return StartFleet(t, f, lab.Options{})
}

// StartFleet starts an already loaded fleet with options.
func StartFleet(t testing.TB, f *lab.Fleet, opts lab.Options) *lab.Lab {
	t.Helper()
	l, err := lab.Start(context.Background(), f, opts)
	if err != nil {
		t.Fatalf("labtest: %v", err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// Fleet parses an inline fleet YAML document.
func Fleet(t testing.TB, yaml string) *lab.Fleet {
	t.Helper()
	f, err := lab.ParseFleet(t.Name()+".yaml", []byte(yaml))
	if err != nil {
		t.Fatalf("labtest: %v", err)
	}
	return f
}
