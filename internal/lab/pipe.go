package lab

import (
	"regexp"
	"strings"
)

// pipe applies "| include|exclude|begin REGEX" to a command's output.
func (r parsed) pipe(out string) (string, string) {
	if r.pipeTo == nil {
		return out, ""
	}
	if len(r.pipeTo) < 2 {
		return "", "% Incomplete command.\n\n"
	}
	kinds := []string{"include", "exclude", "begin", "grep"} // grep: the ASA's include
	kind := ""
	for _, k := range kinds {
		if strings.HasPrefix(k, strings.ToLower(r.pipeTo[0])) {
			kind = k
			break
		}
	}
	expr := strings.Join(r.pipeTo[1:], " ")
	re, err := regexp.Compile(expr)
	if kind == "" || err != nil || len(expr) > 256 {
		return "", "% Invalid input detected at '^' marker.\n\n"
	}
	var b strings.Builder
	begun := false
	for _, l := range strings.SplitAfter(out, "\n") {
		if l == "" {
			continue
		}
		m := re.MatchString(strings.TrimRight(l, "\n"))
		switch kind {
		case "include", "grep":
			if !m {
				continue
			}
		case "exclude":
			if m {
				continue
			}
		case "begin":
			begun = begun || m
			if !begun {
				continue
			}
		}
		b.WriteString(l)
	}
	return b.String(), ""
}
