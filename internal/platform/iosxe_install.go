package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// The install-mode and ROMMON-variable commands of IOS XE.
const (
	IOSXEInstallSummary = "show install summary"
	IOSXEShowRomvar     = "show romvar"
	IOSXEShowInventory  = "show inventory"
)

// ParseIOSXEInstallSummary parses IOS XE `show install summary`:
//
//	[ Chassis 1/R0 ] Installed Package(s) Information:
//	State (St): I - Inactive, U - Activated & Uncommitted,
//	            C - Activated & Committed, D - Deactivated & Uncommitted
//	--------------------------------------------------------------------------------
//	Type  St   Filename/Version
//	--------------------------------------------------------------------------------
//	IMG   C    17.09.04a.0.6
//	Auto abort timer: inactive
//
// A row is an upper-case type word, a state letter (I, U, C, D) and the
// package; anything else is skipped. It fails with ErrUnrecognized when no
// package row is found (a device in bundle mode rejects the command).
func ParseIOSXEInstallSummary(s string) (facts.Install, error) {
	var in facts.Install
	loc := ""
	for _, line := range tableLines(s, installStart) {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "[") && strings.Contains(t, "]") && strings.Contains(t, "Installed Package"):
			loc = field(strings.TrimSpace(t[1:strings.IndexByte(t, ']')]))
		case hasPrefixFold(t, "Auto abort timer:") && in.AutoAbort == "":
			in.AutoAbort = field(strings.TrimSpace(t[len("Auto abort timer:"):]))
		default:
			f := strings.Fields(t)
			if len(f) < 3 || !installType(f[0]) || !installState(f[1]) || len(in.Packages) >= maxComponents {
				continue
			}
			in.Packages = append(in.Packages, facts.InstallPackage{Location: loc, Type: field(f[0]), State: f[1],
				Name: field(strings.Join(f[2:], " "))})
		}
	}
	if len(in.Packages) == 0 {
		if unsupported(s) {
			return in, fmt.Errorf("parse show install summary: %w", ErrUnsupported)
		}
		return in, fmt.Errorf("parse show install summary: %w: no package row", ErrUnrecognized)
	}
	return in, nil
}

// installStart reports whether a line starts a row, a location header or
// the abort-timer line (for tableLines).
func installStart(t string) bool {
	f := strings.Fields(t)
	return len(f) > 0 && (strings.HasPrefix(t, "[") || hasPrefixFold(t, "Auto abort") || hasPrefixFold(t, "State") ||
		f[0] == "Type" || len(f) > 1 && installType(f[0]) && installState(f[1]))
}

func installType(w string) bool {
	if w == "" || len(w) > 8 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return w != "STATE"
}

func installState(w string) bool {
	switch w {
	case facts.InstallInactive, facts.InstallUncommitted, facts.InstallCommitted, facts.InstallDeactivated:
		return true
	}
	return false
}

// ParseIOSXERomvar parses `show romvar`: "ROMMON variables:" then one
// "NAME = value" (or ROMMON's own "NAME=value") per line. Names are upper
// case letters, digits and '_'; other lines are skipped. At most
// maxFiles variables are kept, in the printed order.
func ParseIOSXERomvar(s string) ([]facts.Variable, error) {
	var vars []facts.Variable
	header := false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		if hasPrefixFold(t, "ROMMON variables") {
			header = true
			return true
		}
		name, value, ok := strings.Cut(t, "=")
		name = strings.TrimSpace(name)
		if !ok || !romvarName(name) {
			return true
		}
		vars = append(vars, facts.Variable{Name: field(name), Value: field(strings.TrimSpace(value))})
		return len(vars) < maxFiles
	})
	if len(vars) == 0 && !header {
		if unsupported(s) {
			return nil, fmt.Errorf("parse show romvar: %w", ErrUnsupported)
		}
		return nil, fmt.Errorf("parse show romvar: %w: no ROMMON variables", ErrUnrecognized)
	}
	return vars, nil
}

func romvarName(w string) bool {
	if w == "" || len(w) > 64 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return w[0] < '0' || w[0] > '9'
}
