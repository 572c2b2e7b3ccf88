package platform

import "strings"

// detectRules map a line fragment of `show version` to the platform it
// proves, most specific first (IOS XE prints an "IOS Software" line too).
var detectRules = []struct{ fragment, platform string }{
	{"Cisco IOS XR Software", "cisco_iosxr"},
	{"Cisco Nexus Operating System", "cisco_nxos"},
	{"NXOS: version", "cisco_nxos"},
	{"Cisco IOS XE Software", "cisco_iosxe"},
	{"Cisco IOS-XE Software", "cisco_iosxe"},
	{"IOS XE Version:", "cisco_iosxe"},
	{"ROM: IOS-XE ROMMON", "cisco_iosxe"},
	{"kickstart image file is:", "cisco_nxos"},
	{"Kernel uptime is ", "cisco_nxos"},
	{"Software image version:", "arista_eos"},
	{"Junos:", "juniper_junos"},
	{"JUNOS ", "juniper_junos"},
	{"Cisco IOS Software", "cisco_ios"},
	{"IOS (tm)", "cisco_ios"},
}

// maxDetectLines bounds how much of an output Detect reads.
const maxDetectLines = 400

// Detect names the platform whose `show version` s is, from the first
// maxDetectLines lines. ok is false when no rule matches.
func Detect(showVersion string) (string, bool) {
	best, n := -1, 0
	eachLine(showVersion, func(line string) bool {
		line = limit(line)
		for i, r := range detectRules {
			if (best < 0 || i < best) && strings.Contains(line, r.fragment) {
				best = i
			}
		}
		n++
		return n < maxDetectLines && best != 0
	})
	if best < 0 {
		return "", false
	}
	return detectRules[best].platform, true
}

// DetectPrompt names the platform a CLI prompt belongs to when its shape
// gives it away: "RP/0/RSP0/CPU0:r1#" is IOS XR, "user@host>" Junos.
// Cisco IOS, IOS XE, NX-OS and EOS prompts look alike ("r1#"), so they
// give ok false.
func DetectPrompt(prompt string) (string, bool) {
	p := strings.TrimSpace(prompt)
	switch {
	case strings.HasPrefix(p, "RP/") && strings.Contains(p, ":") && strings.HasSuffix(p, "#"):
		return "cisco_iosxr", true
	case strings.Contains(p, "@") && (strings.HasSuffix(p, ">") || strings.HasSuffix(p, "#")):
		return "juniper_junos", true
	}
	return "", false
}
