package platform

import (
	"regexp"
	"strings"
)

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

// prompts are the registered platforms' compiled Prompt patterns, in
// registry order (a platform without one is skipped).
var prompts = compilePrompts(registry)

type promptOf struct {
	name, src string
	re        *regexp.Regexp
}

// compilePrompts anchors each Prompt to a whole line; a pattern that does
// not compile is a programmer error.
func compilePrompts(reg []Platform) []promptOf {
	var out []promptOf
	for _, p := range reg {
		if p.Detection.Prompt != "" {
			src := p.Detection.Prompt
			out = append(out, promptOf{p.Name, src, regexp.MustCompile(`^(?:` + src + `)$`)})
		}
	}
	return out
}

// PromptPattern is a scrapligo prompt pattern (multi-line, case
// insensitive) that matches the prompt of any registered platform: the
// generic session that detects a platform waits for it.
func PromptPattern() string {
	alts := make([]string, len(prompts))
	for i, c := range prompts {
		alts[i] = c.src
	}
	return `(?im)^(?:` + strings.Join(alts, "|") + `)\s?$`
}

// The prompt shapes of the registered platforms (Detection.Prompt).
const (
	// ciscoPrompt is "r1>" / "r1#": IOS, IOS XE, NX-OS and EOS look alike.
	ciscoPrompt = `[\w.\-]{1,63}[>#]`
	// xrPrompt is "RP/0/RSP0/CPU0:r1#" (the node, then the host name).
	xrPrompt = `(?:RP|LC)/\d{1,2}/\w{1,16}/CPU\d{1,2}:[\w.\-]{1,63}#`
	// junosPrompt is "user@r1>" (operational) or "user@r1#".
	junosPrompt = `[\w.\-]{1,63}@[\w.\-]{1,63}[>#]`
)
