package platform

import (
	"fmt"
	"strings"

	"fwaudit/internal/facts"
)

// parseNXOSShowBoot parses NX-OS `show boot`:
//
//	Current Boot Variables:
//	sup-1
//	NXOS variable = bootflash:/nxos.9.3.15.bin
//	Boot Variables on next reload:
//	sup-1
//	NXOS variable = bootflash:/nxos.9.3.15.bin
//
// Older Nexus print "kickstart variable = ..." and "system variable = ...".
// The next-reload section wins; only the first supervisor (sup-1) is read.
// System lists the kickstart then the system (or NXOS) image.
func parseNXOSShowBoot(s string) (facts.BootConfig, error) {
	var cur, next facts.BootConfig
	recognized, inNext, otherSup := false, false, false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(limit(line))
		switch {
		case strings.HasPrefix(t, "Current Boot Variables"):
			recognized, inNext, otherSup = true, false, false
		case strings.HasPrefix(t, "Boot Variables on next reload"):
			recognized, inNext, otherSup = true, true, false
		case strings.HasPrefix(t, "sup-"):
			otherSup = t != "sup-1"
		case otherSup:
		default:
			key, val, ok := cutSeparator(t)
			if !ok {
				return true
			}
			switch strings.ToLower(strings.TrimSpace(key)) {
			case "nxos variable", "system variable", "kickstart variable":
				recognized = true
				bc := &cur
				if inNext {
					bc = &next
				}
				p := field(firstToken(val))
				if p != "" && len(bc.System) < maxBootEntries {
					if strings.HasPrefix(strings.ToLower(key), "kickstart") {
						bc.System = append([]string{p}, bc.System...)
					} else {
						bc.System = append(bc.System, p)
					}
				}
			}
		}
		return true
	})
	if !recognized {
		if nxosUnsupported(s) {
			return facts.BootConfig{}, fmt.Errorf("parse nx-os show boot: %w", ErrUnsupported)
		}
		return facts.BootConfig{}, fmt.Errorf("parse nx-os show boot: %w: no boot variable line", ErrUnrecognized)
	}
	if len(next.System) > 0 {
		return next, nil
	}
	return cur, nil
}

// nxosUnsupported reports whether NX-OS rejected the command ("% Invalid
// command at '^' marker.") or an IOS-style rejection was printed.
func nxosUnsupported(s string) bool {
	if unsupported(s) {
		return true
	}
	found := false
	eachLine(s, func(line string) bool {
		t := strings.TrimSpace(line)
		if t == "" || t == "^" {
			return true
		}
		found = strings.HasPrefix(t, "% Invalid command") || strings.HasPrefix(t, "% Incomplete command")
		return false
	})
	return found
}
