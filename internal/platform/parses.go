package platform

import (
	"slices"
	"strings"
)

// alsoParsed are commands a platform's Parse reads from saved outputs
// (fwaudit parse, ingest) although a live audit does not run them: another
// model's form of a command it does run, and on IOS XE the Catalyst show
// module (classic IOS runs it live: the lab's Catalyst 6500 answers it).
var alsoParsed = map[string][]string{
	"cisco_iosxe": {IOSXEShowBoot, IOSShowModule},
	"cisco_ios":   {IOSXEShowBoot, IOSXEShowROMMON, IOSXEDirBoot},
}

// Parses reports whether p's Parse reads the output of cmd: one of its
// Commands or a saved form it also accepts. An output of such a command
// that gives no fact (an empty "BOOT path-list :") is a valid parse, not
// an unknown command. (Follow-ups such as verify give a hash or an error.)
func Parses(p Platform, cmd string) bool {
	cmd = strings.TrimSpace(cmd)
	return slices.Contains(p.Commands, cmd) || slices.Contains(alsoParsed[p.Name], cmd)
}

// ParsedCommands lists the commands Parses accepts for p: Commands, then
// the saved forms.
func ParsedCommands(p Platform) []string {
	return append(slices.Clone(p.Commands), alsoParsed[p.Name]...)
}
