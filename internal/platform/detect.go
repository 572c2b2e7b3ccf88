package platform

import "strings"

// maxDetectLines bounds how much of an output Detect reads.
const maxDetectLines = 400

// Detect names the platform whose `show version` s is, from the first
// maxDetectLines lines: the first platform in registry order that has a
// Detection.ShowVersion fragment on any line. ok is false when none has.
func Detect(showVersion string) (string, bool) {
	best, n := len(registry), 0
	eachLine(showVersion, func(line string) bool {
		line = limit(line)
		for i, p := range registry[:best] {
			if containsAny(line, p.Detection.ShowVersion) {
				best = i
				break
			}
		}
		n++
		return n < maxDetectLines && best != 0
	})
	if best == len(registry) {
		return "", false
	}
	return registry[best].Name, true
}

func containsAny(s string, fragments []string) bool {
	for _, f := range fragments {
		if strings.Contains(s, f) {
			return true
		}
	}
	return false
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
