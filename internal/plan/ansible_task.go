package plan

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// ansibleTasks renders a plan's steps as tasks. A step that changes the
// device, or cannot run as written (blocked, a placeholder left), is gated
// behind tagNever. When any step cannot run, a failing guard goes before
// the first gated task, carrying the tags of every such step: a run that
// would reach one stops the device before it changes anything.
func ansibleTasks(p Plan, mod string) []ordered {
	var tasks []ordered
	var why []string
	guardTags := []string{tagNever, tagChangeWindow}
	firstGated := -1
	for i, s := range p.Steps {
		task, gated, missing := ansibleTask(p, i, s, mod)
		if gated && firstGated < 0 {
			firstGated = len(tasks)
		}
		if missing != "" {
			why = append(why, missing)
			if !slices.Contains(guardTags, string(s.Phase)) {
				guardTags = append(guardTags, string(s.Phase))
			}
		}
		tasks = append(tasks, task)
	}
	if len(why) == 0 {
		return tasks
	}
	guard := ordered{
		{"name", "Stop " + p.Device + " before its first change: the plan needs input"},
		{"ansible.builtin.fail", ordered{{"msg", message(guardMsg(p, why))}}},
		{"tags", guardTags},
	}
	if firstGated < 0 {
		firstGated = len(tasks)
	}
	return slices.Insert(tasks, firstGated, guard)
}

func guardMsg(p Plan, why []string) string {
	msg := strings.Join(why, "; ") + "."
	if in := inputsFor(p, why); len(in) > 0 {
		msg += " Render the plan again with: " + strings.Join(in, "; ") + "."
	}
	return msg
}

// ansibleTask renders step i. gated reports that it carries tagNever;
// missing says why it cannot run as written ("" when it can).
func ansibleTask(p Plan, i int, s Step, mod string) (task ordered, gated bool, missing string) {
	name := fmt.Sprintf("%d. %s", i+1, s.Title)
	if s.Unconfirmed {
		name += " [K]"
	}
	task = ordered{{"name", inert(name)}}
	holes := placeholders(s.Commands)
	switch {
	case s.Blocked:
		missing = fmt.Sprintf("step %d is blocked: %s", i+1, s.Note)
		task = append(task, kv{"ansible.builtin.fail", ordered{{"msg", message("blocked: " + s.Note)}}})
	case len(holes) > 0:
		missing = fmt.Sprintf("step %d needs %s", i+1, strings.Join(holes, ", "))
		task = append(task, kv{"ansible.builtin.fail", ordered{{"msg", message(missing + ": " + strings.Join(s.Commands, "; "))}}})
	case len(s.Commands) == 0:
		missing = fmt.Sprintf("step %d has no commands", i+1)
		task = append(task, kv{"ansible.builtin.fail", ordered{{"msg", message(missing + ": " + s.Note)}}})
	case strings.HasPrefix(s.Commands[0], "fwaudit "):
		task = append(task, kv{"ansible.builtin.command", ordered{{"cmd", strings.Join(s.Commands, " ")}}},
			kv{"delegate_to", "localhost"}, kv{"vars", ordered{{"ansible_connection", "ansible.builtin.local"}}},
			kv{"changed_when", false})
	case s.Mode == ModeConfig && len(s.Commands) > 2:
		task = append(task, kv{mod + "_config", ordered{{"lines", trimLines(s.Commands[1 : len(s.Commands)-1])}}})
	default:
		task = append(task, kv{mod + "_command", ordered{{"commands", withPrompts(s.Commands)}}},
			kv{"register", fmt.Sprintf("step_%d", i+1)})
	}
	gated = missing != "" || !readOnly(s)
	tags := []string{string(s.Phase), tagChangeWindow}
	if gated {
		tags = append([]string{tagNever}, tags...)
	}
	return append(task, kv{"tags", tags}), gated, missing
}

// readOnly reports whether every command of s only reads. Anything not
// known to be read-only counts as a change (fail closed): configuration
// mode, disruptive steps, copies, renames, installs, output redirected to a
// file on the device.
func readOnly(s Step) bool {
	if s.Disruptive || s.Mode == ModeConfig || len(s.Commands) == 0 {
		return false
	}
	for _, c := range s.Commands {
		if !readOnlyCommand(c) {
			return false
		}
	}
	return true
}

var (
	readOnlyExact    = []string{"terminal length 0", "set cli screen-length 0", "start shell", "exit"}
	readOnlyPrefixes = []string{"show ", "dir ", "verify /sha512 ", "verify /md5 ", "run sha512sum ", "sha512 ", "fwaudit audit "}
	readOnlyShell    = regexp.MustCompile(`^bash timeout [0-9]+ cat /proc/[a-z]+$`)
	readOnlyPipes    = []string{"| display set", "", "| include ", " "}
)

func readOnlyCommand(c string) bool {
	if slices.Contains(readOnlyExact, c) || readOnlyShell.MatchString(c) {
		return true
	}
	if !slices.ContainsFunc(readOnlyPrefixes, func(p string) bool { return strings.HasPrefix(c, p) }) {
		return false
	}
	rest := strings.NewReplacer(readOnlyPipes...).Replace(c)
	return !strings.ContainsAny(rest, "|>") // | redirect, | save, | tee, > file write to the device
}

// placeholderRE matches what the plan leaves for the engineer to fill:
// <image-source>, <evidence-dest>, <file>, <nonce>, <install-id>.
var placeholderRE = regexp.MustCompile(`<[a-z][a-z0-9-]*>`)

// placeholders returns the placeholders left in cmds, and "Jinja markers"
// when a command holds {{, {% or {# (Ansible would evaluate them).
func placeholders(cmds []string) []string {
	var out []string
	for _, c := range cmds {
		for _, h := range placeholderRE.FindAllString(c, -1) {
			if !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
		if inert(c) != c && !slices.Contains(out, "no Jinja markers") {
			out = append(out, "no Jinja markers")
		}
	}
	return out
}

// inputsFor returns the plan's explanations of the placeholders named in why.
func inputsFor(p Plan, why []string) []string {
	all := strings.Join(why, " ")
	var out []string
	for _, in := range p.Inputs {
		if h, _, _ := strings.Cut(in, ":"); strings.Contains(all, h) {
			out = append(out, in)
		}
	}
	return out
}

// inert breaks Jinja openers so Ansible prints text instead of evaluating
// it (names and messages may quote a note or a command).
func inert(s string) string {
	return strings.NewReplacer("{{", "{ {", "{%", "{ %", "{#", "{ #").Replace(s)
}

// message makes a fail message inert and, when long, a literal block
// wrapped at word boundaries (ansible-lint's line length; yaml.v3 never
// folds a line itself).
func message(s string) any {
	s = inert(s)
	if len(s) <= 100 {
		return s
	}
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(s) {
		if i > 0 && col+1+len(w) > 100 {
			b.WriteString("\n")
			col = 0
		} else if i > 0 {
			b.WriteString(" ")
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.LiteralStyle, Value: b.String()}
}
