// Package testpeer finds the third-party programs tests talk to (OpenSSH,
// net-snmp, snmpsim, Chromium, PostgreSQL), skipping a test whose peer is
// missing — or failing it where skips are disallowed (CI), so CI proves the
// real peers ran.
package testpeer

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// Disallowed reports whether a missing peer must fail the test: under CI
// (CI set) or with FWAUDIT_TEST_DISALLOW_SKIP set.
func Disallowed() bool {
	return os.Getenv("CI") != "" || os.Getenv("FWAUDIT_TEST_DISALLOW_SKIP") != ""
}

// SkipOrFail skips tb with msg, or fails it when skips are disallowed.
func SkipOrFail(tb testing.TB, msg string) {
	tb.Helper()
	if Disallowed() {
		tb.Fatalf("%s (skips are disallowed here: CI or FWAUDIT_TEST_DISALLOW_SKIP)", msg)
	}
	tb.Skip(msg)
}

// Require returns the path of the first of names found on PATH, or skips /
// fails tb with the install hint (e.g. "apt-get install -y openssh-client").
func Require(tb testing.TB, install string, names ...string) string {
	tb.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	SkipOrFail(tb, fmt.Sprintf("%s not installed: %s (or make deps)", names[0], install))
	return ""
}

// OpenSSH returns the path of OpenSSH's ssh client.
func OpenSSH(tb testing.TB) string {
	tb.Helper()
	return Require(tb, "apt-get install -y openssh-client", "ssh")
}

// Chromium returns the path of a headless-capable Chromium.
func Chromium(tb testing.TB) string {
	tb.Helper()
	return Require(tb, "apt-get install -y chromium", "chromium", "chromium-browser", "google-chrome")
}
