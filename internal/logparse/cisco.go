package logparse

import (
	"net/netip"
	"regexp"
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// ciscoMsgRE finds an IOS message: %FACILITY-SEVERITY-MNEMONIC: text.
var ciscoMsgRE = regexp.MustCompile(`%([A-Z0-9_]+-[0-7]-[A-Z0-9_]+):\s?(.*)$`)

var (
	bracketSourceRE = regexp.MustCompile(`\[Source:\s*([^\]\s]+)\s*\]`)
	bracketUserRE   = regexp.MustCompile(`\[user:\s*([^\]]*?)\s*\]`)
	byUserOnRE      = regexp.MustCompile(`(?:by|User)\s+(\S+?)\s+(?:on|has)\b`)
	parenAddrRE     = regexp.MustCompile(`\(([0-9A-Fa-f:.]+)\)`)
	loggedUserRE    = regexp.MustCompile(`User:\s*(\S+)\s+logged command:\s*(.*)$`)
	fromAddrRE      = regexp.MustCompile(`\bfrom\s+([0-9A-Fa-f:.]+)`)
	deviceURLRE     = regexp.MustCompile(`\b(tftp|scp|ftp|sftp|http|https)://(?:[^@/\s]+@)?(\[[0-9A-Fa-f:]+\]|[^/\s:]+)[^\s]*?/([^/\s]+)\b`)
	imageFileRE     = regexp.MustCompile(`\b((?:[a-z0-9]+:)?[\w./-]+\.(?:bin|pkg|srec|SPA\.bin))\b`)
)

// ClassifyCisco reads one IOS / IOS XE message line (timestamp already
// removed or not) and returns the event it records, if it is one of the
// kinds the log rules need. The event's strings are textsafe.
func ClassifyCisco(line string) (facts.LogEvent, bool) {
	m := ciscoMsgRE.FindStringSubmatch(line)
	if m == nil {
		return classifyCiscoText(line)
	}
	tag, text := m[1], m[2]
	ev := facts.LogEvent{Program: tag}
	switch {
	case strings.HasPrefix(tag, "SEC_LOGIN-") && strings.HasSuffix(tag, "LOGIN_SUCCESS"):
		ev.Kind = facts.LogLogin
	case strings.HasPrefix(tag, "SEC_LOGIN-") && strings.HasSuffix(tag, "LOGIN_FAILED"):
		ev.Kind = facts.LogLoginFailed
	case strings.HasPrefix(tag, "SSH-") && strings.Contains(tag, "SESSION") && strings.Contains(text, "request from"):
		ev.Kind = facts.LogLogin
	case tag == "SYS-5-RELOAD" || tag == "SYS-5-RESTART":
		ev.Kind = facts.LogReload
	case tag == "SYS-5-CONFIG_I" || strings.HasSuffix(tag, "CFGLOG_LOGGEDCMD") || strings.HasPrefix(tag, "SEC_CMD-"):
		ev.Kind = commandKind(text)
	case strings.Contains(tag, "ROMMON") || strings.Contains(tag, "FPD_MGMT") && strings.Contains(strings.ToLower(text), "upgrade"):
		ev.Kind = facts.LogROMMONUpgrade
	case strings.Contains(tag, "COPY") || strings.Contains(tag, "FILESYS") && strings.Contains(strings.ToLower(text), "copied"):
		ev.Kind = facts.LogImageCopy
	default:
		return classifyCiscoText(line)
	}
	fillCisco(&ev, text)
	ev.Message = textsafe.Clean(strings.TrimSpace(line), textsafe.MaxField)
	return ev, true
}

// commandKind: a logged configuration command that copies a file or
// upgrades the ROMMON is that, not just a configuration change.
func commandKind(text string) string {
	low := strings.ToLower(text)
	switch {
	case strings.Contains(low, "upgrade rom-monitor"):
		return facts.LogROMMONUpgrade
	case strings.Contains(low, "copy ") && (strings.Contains(low, "tftp:") || strings.Contains(low, "scp:") ||
		strings.Contains(low, "ftp:") || strings.Contains(low, "http")):
		return facts.LogTransfer
	case strings.Contains(low, "copy "):
		return facts.LogImageCopy
	}
	return facts.LogConfig
}

// classifyCiscoText recognizes the un-tagged lines IOS XE prints around a
// ROMMON upgrade and a copy (they are console text, not % messages).
func classifyCiscoText(line string) (facts.LogEvent, bool) {
	low := strings.ToLower(line)
	var ev facts.LogEvent
	switch {
	case strings.Contains(low, "rommon upgrade complete") || strings.Contains(low, "upgrade rom-monitor"):
		ev.Kind = facts.LogROMMONUpgrade
	case strings.Contains(low, "bytes copied in") || deviceURLRE.MatchString(line) && strings.Contains(low, "copy"):
		ev.Kind = facts.LogTransfer
	default:
		return facts.LogEvent{}, false
	}
	fillCisco(&ev, line)
	ev.Message = textsafe.Clean(strings.TrimSpace(line), textsafe.MaxField)
	return ev, true
}

// fillCisco takes the source address, user and file a message names.
func fillCisco(ev *facts.LogEvent, text string) {
	if m := bracketSourceRE.FindStringSubmatch(text); m != nil {
		ev.Source = address(m[1])
	}
	if m := bracketUserRE.FindStringSubmatch(text); m != nil {
		ev.User = textsafe.Field(m[1])
	}
	if m := loggedUserRE.FindStringSubmatch(text); m != nil {
		ev.User = textsafe.Field(m[1])
		if f := imageFileRE.FindStringSubmatch(m[2]); f != nil {
			ev.File = textsafe.Field(f[1])
		}
	}
	if ev.User == "" {
		if m := byUserOnRE.FindStringSubmatch(text); m != nil {
			ev.User = textsafe.Field(m[1])
		}
	}
	if ev.Source == "" {
		for _, re := range []*regexp.Regexp{parenAddrRE, fromAddrRE} {
			if m := re.FindStringSubmatch(text); m != nil && address(m[1]) != "" {
				ev.Source = address(m[1])
				break
			}
		}
	}
	if m := deviceURLRE.FindStringSubmatch(text); m != nil {
		if a := address(strings.Trim(m[2], "[]")); a != "" && ev.Source == "" {
			ev.Source = a
		}
		ev.File = textsafe.Field(m[3])
	}
	if ev.File == "" {
		if f := imageFileRE.FindStringSubmatch(text); f != nil {
			ev.File = textsafe.Field(f[1])
		}
	}
}

// address returns s when it is an IP address (console, LOCAL, names: "").
func address(s string) string {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	return a.String()
}
