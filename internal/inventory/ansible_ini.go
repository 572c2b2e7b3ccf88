package inventory

import (
	"bufio"
	"bytes"
	"strings"
)

// parseAnsibleINI parses Ansible's INI inventory: host lines with
// key=value variables, [group], [group:vars] and [group:children] sections.
// Host ranges (web[01:10]) are reported as errors.
func parseAnsibleINI(file string, data []byte, errs *errList) *ansibleInv {
	a := newAnsibleInv(file)
	a.group("all")
	group, kind := "ungrouped", ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), maxFile)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			group, kind, _ = strings.Cut(line[1:len(line)-1], ":")
			a.group(group)
			if group != "all" {
				a.addChild("all", group)
			}
			continue
		}
		fields := splitINI(line)
		if len(fields) == 0 {
			continue
		}
		if !safe(line) {
			errs.add(pos{file, n}, subject{section: "group " + quote(group)}, "", "line contains control characters")
			continue
		}
		switch kind {
		case "vars":
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				errs.add(pos{file, n}, subject{section: "group " + quote(group)}, "", "want key=value in [%s:vars]", group)
				continue
			}
			k = strings.TrimSpace(k)
			a.group(group).vars[k] = fval{v: unquote(strings.TrimSpace(v)), field: k, line: n}
		case "children":
			a.group(fields[0])
			a.addChild(group, fields[0])
		case "":
			if strings.ContainsAny(fields[0], "[]") {
				errs.add(pos{file, n}, subject{section: "host " + quote(fields[0])}, "host", "host ranges are not supported; list the hosts one per line")
				continue
			}
			vars := map[string]fval{}
			for _, kv := range fields[1:] {
				if k, v, ok := strings.Cut(kv, "="); ok {
					vars[k] = fval{v: unquote(v), field: k, line: n}
				}
			}
			a.host(fields[0], group, n, vars)
		default:
			errs.add(pos{file, n}, subject{section: "group " + quote(group)}, "", "unknown section kind %s (allowed: vars, children)", quote(kind))
		}
	}
	return a
}

func (a *ansibleInv) addChild(parent, child string) {
	g := a.group(parent)
	for _, c := range g.children {
		if c == child {
			return
		}
	}
	if parent != child {
		g.children = append(g.children, child)
	}
}

// splitINI splits a host line on blanks, keeping quoted values together.
func splitINI(line string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote = r
			cur.WriteRune(r)
		case r == ' ' || r == '\t':
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		case r == '#' && cur.Len() == 0:
			return out // comment
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
