package lab

import (
	"fmt"
	"strings"
)

// showLogging prints the log buffer: a fixed header, the restart at boot,
// then the device's
// fleet `logs:` lines (IOS message lines, e.g. "Nov 25 01:58:02.114:
// %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source:
// 10.10.4.20] [localport: 22] at ..."), oldest first.
func showLogging(e *cmdEnv, _ []string) string {
	logs := e.p.spec.Logs
	var b strings.Builder
	b.WriteString("Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)\n\n")
	fmt.Fprintf(&b, "    Buffer logging:  level debugging, %d messages logged, xml disabled,\n                    filtering disabled\n\n", len(logs))
	b.WriteString("Log Buffer (102400 bytes):\n\n")
	// Every boot logs a restart, as IOS does; the fleet's lines follow.
	fmt.Fprintf(&b, "*%s: %%SYS-5-RESTART: System restarted --\n", e.p.restarted().Format("Jan _2 15:04:05.000"))
	for _, l := range logs {
		b.WriteString(strings.TrimRight(l, "\r\n") + "\n")
	}
	return b.String()
}
