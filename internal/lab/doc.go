// Package lab simulates a fleet of Cisco IOS XE devices on loopback: each
// device is a real SSH server with a PTY shell, deterministic host key and
// deterministic image files, so fwaudit can be demonstrated and tested end to
// end without hardware. It is never linked into the fwaudit binary.
package lab
