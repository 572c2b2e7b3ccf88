package plan

import (
	"fmt"
	"io"
	"strings"

	"fwaudit/internal/textsafe"
)

// RenderMarkdown writes plans as a runbook: containment options first, then
// the ordered steps with the output to expect and what to do if it differs.
func RenderMarkdown(w io.Writer, plans []Plan) error {
	var b strings.Builder
	for i, p := range plans {
		if i > 0 {
			b.WriteString("\n---\n\n")
		}
		writeMarkdown(&b, p)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMarkdown(b *strings.Builder, p Plan) {
	fmt.Fprintf(b, "# Revert plan: %s\n\n", code(p.Device))
	fmt.Fprintf(b, "Platform %s, model %s", code(p.Platform), code(p.Model))
	if p.Baseline != "" {
		fmt.Fprintf(b, ", baseline %s", code(p.Baseline))
	}
	b.WriteString(".\n\n")
	if p.Empty() {
		b.WriteString("Nothing to revert: the audit found no drift.\n")
		return
	}
	if len(p.Rules) > 0 {
		fmt.Fprintf(b, "Reverts: %s.\n\n", md(strings.Join(p.Rules, ", ")))
	}
	b.WriteString("fwaudit never applies a plan. Run the steps in order; evidence comes before any change, " +
		"because a reload destroys volatile evidence. Commands marked [K] are not confirmed against vendor documentation: check them first.\n\n")
	if len(p.Inputs) > 0 {
		b.WriteString("**Fill in before use:**\n\n")
		for _, in := range p.Inputs {
			fmt.Fprintf(b, "- %s\n", md(in))
		}
		b.WriteString("\n")
	}
	if len(p.Manual) > 0 {
		b.WriteString("## Investigate (no command reverts these)\n\n")
		for _, m := range p.Manual {
			fmt.Fprintf(b, "- %s\n", md(m))
		}
		b.WriteString("\n")
	}
	if len(p.Containment) > 0 {
		b.WriteString("## Containment options (choose; before the steps)\n\n")
		for i, o := range p.Containment {
			fmt.Fprintf(b, "### Option %c: %s\n\nWhen: %s.\n\n", 'A'+i, md(o.Title), md(o.When))
			codeBlock(b, o.Commands)
			fmt.Fprintf(b, "Expect: %s.\n\n", md(o.Expect))
			if o.Note != "" {
				fmt.Fprintf(b, "Note: %s\n\n", md(o.Note))
			}
		}
	}
	b.WriteString("## Steps\n\n")
	for i, s := range p.Steps {
		flags := []string{string(s.Phase)}
		if s.Disruptive {
			flags = append(flags, "change window")
		}
		if s.Unconfirmed {
			flags = append(flags, "[K]")
		}
		if s.Blocked {
			flags = append(flags, "BLOCKED")
		}
		fmt.Fprintf(b, "### %d. %s (%s)\n\n", i+1, md(s.Title), strings.Join(flags, ", "))
		codeBlock(b, s.Commands)
		if s.Expect != "" {
			fmt.Fprintf(b, "- Expect: %s\n", md(s.Expect))
		}
		if s.IfDiffers != "" {
			fmt.Fprintf(b, "- If it differs: %s\n", md(s.IfDiffers))
		}
		if s.Note != "" {
			fmt.Fprintf(b, "- Note: %s\n", md(s.Note))
		}
		if len(s.Rules) > 0 {
			fmt.Fprintf(b, "- For: %s\n", md(strings.Join(s.Rules, ", ")))
		}
		b.WriteString("\n")
	}
}

func codeBlock(b *strings.Builder, cmds []string) {
	if len(cmds) == 0 {
		return
	}
	b.WriteString("```\n")
	for _, c := range cmds {
		b.WriteString(strings.ReplaceAll(textsafe.Clean(c, 0), "```", "'''") + "\n")
	}
	b.WriteString("```\n\n")
}

// md makes plan text (fwaudit's own wording, with backticked output
// excerpts) printable and keeps it on one line.
func md(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(textsafe.Clean(s, 4000))
}

// code shows a value that may come from a device (a model name) as a code
// span: markdown renders its content literally, so no HTML gets through.
func code(s string) string {
	s = strings.ReplaceAll(textsafe.Clean(s, 200), "`", "'")
	if s == "" {
		s = "?"
	}
	return "`" + s + "`"
}
