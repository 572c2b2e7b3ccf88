// Package logparse turns log text — a device's `show logging`, a collector's
// RFC 3164 / RFC 5424 syslog files, TFTP / SCP / FTP server logs — into the
// security-relevant facts.LogEvent values the log rules read: logins,
// transfers, reloads, ROMMON upgrades, image copies and configuration
// changes, with their source addresses. Pure: text in, events out.
package logparse
