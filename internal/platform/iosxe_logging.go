package platform

import (
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/logparse"
)

// IOSXEShowLogging reads the log buffer, filtered on the device to the
// messages the log rules use, so a large buffer stays well under the
// output cap: logins, SSH sessions, reloads, configuration commands, ROMMON
// and copy messages.
const IOSXEShowLogging = "show logging | include %SEC_LOGIN|%SSH-5-SSH2|%SYS-5-RELOAD|%SYS-5-RESTART|%SYS-5-CONFIG_I|CFGLOG_LOGGEDCMD|%SEC_CMD|ROMMON|rom-monitor|[Cc]opied|COPY"

// ParseIOSXELogging returns the security-relevant events of `show logging`
// (IOS XE message formats: DESIGN.md / vendor reference §1.9) and how many
// past logparse.MaxEvents were not kept (Facts.LogsDropped). A rejected
// command gives none.
func ParseIOSXELogging(s string) ([]facts.LogEvent, int) {
	if strings.Contains(s, "% Invalid input") {
		return nil, 0
	}
	return logparse.ParseIOSLogging(s, "show logging")
}
