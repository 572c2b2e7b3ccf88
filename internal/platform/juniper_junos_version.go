package platform

import (
	"fmt"
	"strings"
)

// junosVersion is what Junos `show version` says, for the first member
// (fpc0:, node0:) when the output holds several.
type junosVersion struct {
	Hostname string `json:"hostname"`
	Model    string `json:"model"`
	Version  string `json:"version"` // Junos: line, else the "JUNOS EX Software Suite [X]" package
	Serial   string `json:"serial"`  // Serial Number: (few models print it)
}

// parseJunosShowVersion parses Junos `show version`. It fails with
// ErrUnrecognized when neither a Model nor a Junos line is found.
func parseJunosShowVersion(s string) (junosVersion, error) {
	var v junosVersion
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		key, val, ok := strings.Cut(t, ":")
		val = strings.TrimSpace(val)
		switch {
		case ok && key == "Hostname" && v.Hostname == "":
			v.Hostname = field(firstToken(val))
		case ok && key == "Model" && v.Model == "":
			v.Model = field(firstToken(val))
		case ok && key == "Junos" && v.Version == "":
			v.Version = field(firstToken(val))
		case ok && key == "Serial Number" && v.Serial == "":
			v.Serial = field(firstToken(val))
		case v.Version == "" && strings.HasPrefix(t, "JUNOS EX ") && strings.Contains(t, "Software Suite ["):
			rest := t[strings.Index(t, "Software Suite [")+len("Software Suite ["):]
			v.Version = field(strings.TrimSuffix(firstToken(rest), "]"))
		}
		return true
	})
	if v.Model == "" && v.Version == "" {
		if junosUnsupported(s) {
			return v, fmt.Errorf("parse junos show version: %w", ErrUnsupported)
		}
		return v, fmt.Errorf("parse junos show version: %w: no Model or Junos line", ErrUnrecognized)
	}
	return v, nil
}

// junosUnsupported reports whether the Junos CLI rejected the command
// ("syntax error, expecting <command>." / "error: ...").
func junosUnsupported(s string) bool {
	found, seen := false, 0
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(line)
		if t == "" || t == "^" {
			return true
		}
		if strings.HasPrefix(t, "syntax error") || strings.HasPrefix(t, "error: ") || strings.HasPrefix(t, "unknown command") {
			found = true
			return false
		}
		seen++
		return seen < 4
	})
	return found || unsupported(s)
}
