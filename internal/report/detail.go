package report

import (
	"fmt"
	"io"
	"strings"

	"fwaudit/internal/textsafe"
)

// detailMax caps one evidence or error text in the detail view.
const detailMax = 2000

// RenderDetail writes the one-device view of `fwaudit audit NAME`: facts,
// every finding with its evidence and escalation answer, and the plan.
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
	fmt.Fprintf(b, "%s (%s, %s): %s\n", textsafe.Clean(d.Name, 80), textsafe.Clean(d.Address, 80), d.Platform, statusCell(d))
	line("error", d.Error)
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
		line("sha512 ("+string(h.Source)+")", h.File+" = "+h.SHA512)
	}
	line("host key", f.HostKeySHA256)
	if len(d.Findings) == 0 {
		b.WriteString("  no findings\n")
	}
	for _, x := range d.Findings {
		fmt.Fprintf(b, "\n  [%s] %s %s\n", strings.ToUpper(string(x.Severity)), x.Rule, textsafe.Clean(x.Title, detailMax))
		line("  observed", x.Observed)
		line("  expected", x.Expected)
		line("  evidence", x.Evidence)
		line("  technique", x.Technique)
		if x.Escalate {
			line("  escalate", "yes: "+x.EscalationReason)
		} else {
			line("  escalate", "no")
		}
	}
	for i, s := range d.PlanSteps {
		if i == 0 {
			b.WriteString("\n  plan:\n")
		}
		fmt.Fprintf(b, "    %d. %s\n", i+1, textsafe.Clean(s, detailMax))
	}
}

// humanUptime renders seconds as IOS does, in days, hours and minutes.
func humanUptime(sec int64) string {
	d, h, m := sec/86400, sec%86400/3600, sec%3600/60
	return fmt.Sprintf("%dd %dh %dm (%d s)", d, h, m, sec)
}
