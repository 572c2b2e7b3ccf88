package report

import (
	"fmt"
	"io"
	"strings"

	"fwaudit/internal/textsafe"
)

// detailMax caps one evidence or error text in the detail view.
const detailMax = 2000

// RenderDetail writes the triage view of `fwaudit audit NAME`: the facts
// with their sources, then per finding the evidence, the playbook's
// questions answered, the escalation decision and the next steps for
// first- and second-tier analysts, then the plan.
func RenderDetail(w io.Writer, r Run) error {
	var b strings.Builder
	for i, d := range r.Devices {
		if i > 0 {
			b.WriteString("\n")
		}
		writeDetail(&b, d)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeDetail(b *strings.Builder, d Device) {
	f := d.Facts
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(b, "  %-20s %s\n", k, textsafe.Clean(v, detailMax))
		}
	}
	fmt.Fprintf(b, "%s (%s, %s): %s\n", textsafe.Clean(d.Name, 80), textsafe.Clean(d.Address, 80), textsafe.Clean(d.Platform, 40), statusCell(d))
	line("error", d.Error)
	if d.Status() == StatusUnassessed {
		line("not assessed", d.Reason())
	}
	line("inventory", inventoryLine(d))
	line("monitoring", d.Related)
	line("model", f.Model)
	line("serial", f.Serial)
	line("os version", f.OSVersion)
	line("running image", f.Image)
	for _, c := range f.ROMMON {
		line("rommon "+textsafe.Clean(c.Name, 16), fmt.Sprintf("%s (%s: %s)", c.Version, c.Source, c.Origin))
	}
	line("boot variable", strings.Join(f.Boot.System, "; "))
	line("config register", f.Boot.ConfigRegister)
	line("  at next reload", f.Boot.ConfigRegisterNext)
	if f.UptimeSeconds > 0 {
		line("uptime", humanUptime(f.UptimeSeconds))
	}
	line("last reload reason", f.LastReloadReason)
	for _, h := range f.ImageHashes {
		if h.SHA512 != "" || h.SHA256 == "" {
			line("sha512 ("+string(h.Source)+")", h.File+" = "+h.SHA512)
		}
		if h.SHA256 != "" {
			line("sha256 ("+string(h.Source)+")", h.File+" = "+h.SHA256)
		}
	}
	line("host key", f.HostKeySHA256)
	writeIntegrity(b, d)
	if len(d.Findings) == 0 {
		b.WriteString("  no findings\n")
	}
	for i, x := range d.Findings {
		writeTriage(b, d, i, x)
	}
	writePlan(b, d)
}

// writeIntegrity lists what the boot-integrity rules checked ("checked")
// and what they could not ("NOT checked"), so a quiet BIV result is never
// read as more than it is.
func writeIntegrity(b *strings.Builder, d Device) {
	if len(d.Integrity) == 0 {
		return
	}
	b.WriteString("  boot integrity\n")
	for _, c := range d.Integrity {
		mark := "NOT checked"
		if c.Checked {
			mark = "checked"
		}
		fmt.Fprintf(b, "    %-12s %s\n", mark, textsafe.Clean(c.Text, detailMax))
	}
}

func inventoryLine(d Device) string {
	var parts []string
	for _, kv := range [][2]string{{"site", d.Site}, {"role", d.Role}, {"credentials", d.Credentials}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+" "+kv[1])
		}
	}
	return strings.Join(parts, ", ")
}

// writePlan lists the plan in short: containment choices, then the steps
// with their commands. `fwaudit plan NAME` prints the full runbook.
func writePlan(b *strings.Builder, d Device) {
	p := d.Plan
	if p.Empty() {
		return
	}
	fmt.Fprintf(b, "\n  PLAN (never applied by fwaudit; full runbook with expected outputs: fwaudit plan %s)\n", textsafe.Clean(d.Name, 80))
	for _, m := range p.Manual {
		fmt.Fprintf(b, "    investigate: %s\n", textsafe.Clean(m, detailMax))
	}
	for i, o := range p.Containment {
		if i == 0 {
			b.WriteString("    containment options (choose before the steps):\n")
		}
		fmt.Fprintf(b, "      %c. %s — when %s\n", 'A'+i, textsafe.Clean(o.Title, detailMax), textsafe.Clean(o.When, detailMax))
	}
	for i, s := range p.Steps {
		tags := string(s.Phase)
		if s.Disruptive {
			tags += ", change window"
		}
		if s.Unconfirmed {
			tags += ", [K]"
		}
		if s.Blocked {
			tags += ", BLOCKED"
		}
		fmt.Fprintf(b, "    %2d. %s (%s)\n", i+1, textsafe.Clean(s.Title, detailMax), tags)
		for _, c := range s.Commands {
			fmt.Fprintf(b, "          %s\n", textsafe.Clean(c, detailMax))
		}
		if s.Blocked {
			fmt.Fprintf(b, "          blocked: %s\n", textsafe.Clean(s.Note, detailMax))
		}
	}
}

// humanUptime renders seconds as IOS does, in days, hours and minutes.
func humanUptime(sec int64) string {
	d, h, m := sec/86400, sec%86400/3600, sec%3600/60
	return fmt.Sprintf("%dd %dh %dm (%d s)", d, h, m, sec)
}
