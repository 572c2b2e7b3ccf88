package lab

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Hostile is a misbehaviour a lab device shows on purpose (fleet field
// hostile:), so tests can prove the auditor survives a compromised or
// broken device. The zero value is a well-behaved device.
type Hostile string

// Hostile modes.
const (
	// HostileEndlessOutput answers every show command with output that never ends.
	HostileEndlessOutput Hostile = "endless-output"
	// HostileHangAfterAuth accepts the login, then never prints a prompt.
	HostileHangAfterAuth Hostile = "hang-after-auth"
	// HostileSlow waits hostile_delay (default 500ms) before every answer.
	HostileSlow Hostile = "slow"
	// HostileANSINUL sprinkles ANSI escapes, OSC title sets and NUL bytes
	// through every answer.
	HostileANSINUL Hostile = "ansi-nul"
	// HostileLongLines puts a 1 MiB line at the top of every answer.
	HostileLongLines Hostile = "long-lines"
	// HostileWrongPrompt prints a prompt no IOS-like driver recognises.
	HostileWrongPrompt Hostile = "wrong-prompt"
	// HostileDisconnect sends half of the first show command's answer, then
	// closes the session.
	HostileDisconnect Hostile = "disconnect-mid-command"
	// HostileVerifyError answers every `verify /sha512 …` with %Error, as a
	// compromised device withholding its image hash would; every other
	// command answers normally.
	HostileVerifyError Hostile = "verify-error"
	// HostileNearCap pads every answer to hostile_bytes (default just under
	// the auditor's 8 MiB per-command cap), so each command passes the
	// per-command bound and only a per-device budget stops the device.
	HostileNearCap Hostile = "near-cap-output"
	// HostileROMMONWithheld answers `show rom-monitor …` with %Error and
	// blanks the boot-firmware versions (rommon, rommon_other) out of every
	// other answer, as a device hiding an implanted ROMMON would; its SNMP
	// agent still tells the truth.
	HostileROMMONWithheld Hostile = "rommon-withheld"
	// HostileImageWithheld drops every line naming the running image
	// from `show version`, as a device hiding which image it runs would;
	// the other answers (boot variable, dir) are unchanged.
	HostileImageWithheld Hostile = "image-withheld"
	// HostileEntityFlood pads the SNMP entPhysicalTable with
	// hostile_rows port rows (default 1,000: 12,000 varbinds, past the
	// auditor's 10,000-varbind cap), so the walk fails and the CLI cannot
	// be cross-checked; the CLI answers normally.
	HostileEntityFlood Hostile = "entity-flood"
	// HostileLogFlood puts hostile_lines (default 100,001) short harmless
	// log events at the top of `show logging`, before the device's own
	// lines, as an attacker flooding the log buffer to bury a login would;
	// the flood stays under the auditor's 8 MiB per-command cap.
	HostileLogFlood Hostile = "log-flood"
)

// HostileModes lists every mode, for messages and tests.
var HostileModes = []Hostile{
	HostileEndlessOutput, HostileHangAfterAuth, HostileSlow, HostileANSINUL,
	HostileLongLines, HostileWrongPrompt, HostileDisconnect, HostileVerifyError, HostileNearCap,
	HostileROMMONWithheld, HostileImageWithheld, HostileEntityFlood, HostileLogFlood,
}

const (
	defaultHostileDelay = 500 * time.Millisecond
	longLineBytes       = 1 << 20
	floodBlock          = 32 << 10
	defaultHostileBytes = 8<<20 - 64<<10
	padLine             = 1023   // bytes of one padding line, before "\n"
	defaultHostileRows  = 1000   // × 12 columns: past the auditor's 10,000 varbinds
	defaultHostileLines = 100001 // one more log event than the auditor keeps
)

// Quirks are the per-device misbehaviours and SSH oddities of a lab device.
// They are inlined into DeviceSpec (keys hostile:, hostile_delay:) and are
// not inherited from defaults or models: set them on the device.
type Quirks struct {
	Hostile Hostile `yaml:"hostile,omitempty"`
	// HostileDelay is how long a slow device waits before each answer.
	HostileDelay time.Duration `yaml:"hostile_delay,omitempty"`
	// HostileBytes is the size a near-cap-output device pads every answer
	// to (0 → 8 MiB - 64 KiB).
	HostileBytes int `yaml:"hostile_bytes,omitempty"`
	// HostileRows is how many padding rows an entity-flood device adds to
	// its entPhysicalTable (0 → 1,000).
	HostileRows int `yaml:"hostile_rows,omitempty"`
	// HostileLines is how many harmless events a log-flood device logs
	// before its own (0 → 100,001: one more than the auditor keeps).
	HostileLines int `yaml:"hostile_lines,omitempty"`
	// LegacyAlgorithms makes the device offer only legacy SSH algorithms
	// (diffie-hellman-group14-sha1/group1-sha1, aes128-cbc/3des-cbc, hmac-sha1).
	LegacyAlgorithms bool `yaml:"legacy_algorithms,omitempty"`
	// NoFileTransfer refuses to serve files: the sftp subsystem closes at
	// once and scp answers "Permission denied" (off-box hashing fails).
	NoFileTransfer bool `yaml:"no_file_transfer,omitempty"`
}

// UnmarshalYAML rejects unknown modes with the line and the allowed values.
func (h *Hostile) UnmarshalYAML(n *yaml.Node) error {
	v := Hostile(strings.TrimSpace(n.Value))
	if v != "" && !slices.Contains(HostileModes, v) {
		names := make([]string, len(HostileModes))
		for i, m := range HostileModes {
			names[i] = string(m)
		}
		return fmt.Errorf("line %d: hostile: %q is not one of %s", n.Line, n.Value, strings.Join(names, ", "))
	}
	*h = v
	return nil
}

func (q Quirks) delay() time.Duration {
	if q.HostileDelay > 0 {
		return q.HostileDelay
	}
	return defaultHostileDelay
}

// hostileShell replaces the CLI loop for the modes that misbehave from the
// first byte. It returns false when the device is not one of them.
func (s *shell) hostileShell() bool {
	switch s.d.Spec().Hostile {
	case HostileHangAfterAuth:
		_, _ = io.Copy(io.Discard, s.in.r) // until the client gives up
		return true
	case HostileWrongPrompt:
		wrong := "\n[" + s.d.Spec().Hostname + " ~]$ "
		s.write("\nLast login: never" + wrong)
		for {
			if _, err := s.line(true); err != nil {
				return true
			}
			s.write("sh: command not found" + wrong)
		}
	}
	return false
}

// hostile lets the device's mode change (or replace) the answer out to the
// command named by words (in full, as in the command table) with args. keep
// is false when the session must end now.
func (s *shell) hostile(words, args []string, out string) (_ string, keep bool) {
	spec := s.d.Spec()
	switch spec.Hostile {
	case HostileVerifyError:
		if len(words) == 1 && words[0] == "verify" && len(args) >= 2 && strings.EqualFold(args[0], "/sha512") {
			return "%Error verifying " + args[1] + " (Permission denied)\n\n", true
		}
	case HostileLogFlood:
		if slices.Equal(words, []string{"show", "logging"}) {
			return strings.Repeat(floodLogLine, spec.lines()) + out, true
		}
	case HostileImageWithheld:
		if slices.Equal(words, []string{"show", "version"}) && spec.Image != "" {
			return dropLines(out, spec.Image), true
		}
	case HostileROMMONWithheld:
		if slices.Contains(words, "rom-monitor") {
			return "%Error: rom-monitor information is not available\n", true
		}
		return withholdROMMON(out, spec), true
	case HostileEndlessOutput:
		block := strings.Repeat("ROM: IOS-XE ROMMON "+strings.Repeat("A", 60)+"\r\n", floodBlock/81)
		for {
			if _, err := s.out.WriteString(block); err != nil {
				return "", false
			}
		}
	case HostileSlow:
		time.Sleep(spec.delay())
	case HostileANSINUL:
		return ansiNUL(out), true
	case HostileLongLines:
		return "!" + strings.Repeat("x", longLineBytes) + "\n" + out, true
	case HostileNearCap:
		return nearCap(out, spec.HostileBytes), true
	case HostileDisconnect:
		s.write(out[:len(out)/2])
		_ = s.out.Flush()
		return "", false
	}
	return out, true
}

// dropLines is out without the lines that contain s.
func dropLines(out, s string) string {
	var b strings.Builder
	for line := range strings.Lines(out) {
		if !strings.Contains(line, s) {
			b.WriteString(line)
		}
	}
	return b.String()
}

// withholdROMMON is out with the device's boot-firmware versions blanked.
func withholdROMMON(out string, spec DeviceSpec) string {
	for _, v := range []string{spec.ROMMON, spec.ROMMONOther} {
		if strings.TrimSpace(v) != "" {
			out = strings.ReplaceAll(out, v, "")
		}
	}
	return out
}

// floodLogLine is one harmless event of a log-flood device: a
// configuration change from the console, kept short so 100,001 of them
// stay under the auditor's per-command cap.
const floodLogLine = "%SYS-5-CONFIG_I: Configured from console by ops\n"

// lines is how many flood events a log-flood device logs.
func (q Quirks) lines() int {
	if q.HostileLines > 0 {
		return q.HostileLines
	}
	return defaultHostileLines
}

// rows is how many padding rows an entity-flood agent adds.
func (q Quirks) rows() int {
	if q.HostileRows > 0 {
		return q.HostileRows
	}
	return defaultHostileRows
}

// nearCap is out after "!" comment lines that bring it to about size bytes
// as sent (each "\n" goes out as "\r\n").
func nearCap(out string, size int) string {
	if size <= 0 {
		size = defaultHostileBytes
	}
	line := "!" + strings.Repeat("p", padLine-1) + "\n"
	n := max(0, size-len(out)) / (len(line) + 1)
	return strings.Repeat(line, n) + out
}

// ansiNUL is out with colour codes, a screen clear, a terminal-title set
// and NUL bytes around every field value.
func ansiNUL(out string) string {
	out = strings.ReplaceAll(out, ": ", ": \x1b[1;31m\x00")
	out = strings.ReplaceAll(out, "\n", "\x1b[0m\x00\n")
	return "\x1b[2J\x1b[H\x1b]0;pwned\x07" + out
}
