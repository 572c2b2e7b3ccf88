package plan_test

import (
	"bytes"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/facts"
	"fwaudit/internal/golden"
	"fwaudit/internal/plan"
	"fwaudit/internal/textsafe"
)

var (
	imgSHA = strings.Repeat("1a", 64)
	pkgSHA = strings.Repeat("2b", 64)
	badSHA = strings.Repeat("ff", 64)
)

// model is a complete baseline entry: approved firmware with its package,
// one approved image, one register.
func model() *baseline.Model {
	return &baseline.Model{
		Pattern: "ISR43*", File: "baselines/test.yaml", Line: 3,
		ROMMON:         &baseline.ROMMON{Approved: []string{"16.12(2r)"}, Package: &baseline.Package{File: "isr4300_rommon_1612_2r_SPA.pkg", SHA512: pkgSHA}},
		Images:         []baseline.Image{{File: "approved-17.09.04a.bin", SHA512: imgSHA, Size: 1000}},
		ConfigRegister: []string{"0x2102"},
	}
}

// drifted returns facts and the finding for rule on a device whose
// running image is approved unless the rule says otherwise.
func drifted(rule string) (facts.Facts, audit.Finding) {
	f := facts.Facts{Model: "ISR4331/K9", Image: "bootflash:approved-17.09.04a.bin",
		ROMMON:      []facts.Component{{Name: "R0", Version: "16.12(2r)", Source: facts.SourceCLI}},
		Boot:        facts.BootConfig{System: []string{"bootflash:approved-17.09.04a.bin"}, ConfigRegister: "0x2102"},
		ImageHashes: []facts.ImageHash{{File: "bootflash:approved-17.09.04a.bin", SHA512: imgSHA, Source: facts.SourceDevice}}}
	x := audit.Finding{Rule: rule, Severity: audit.High, Escalate: true}
	switch rule {
	case audit.ROM001, audit.ROM002, audit.ROM004:
		f.ROMMON[0].Version = "16.7(5r)"
	case audit.IMG001, audit.IMG005, audit.IMG006:
		f.Image = "bootflash:evil.bin"
	case audit.IMG002:
		f.ImageHashes[0].SHA512 = badSHA
		x.Severity = audit.Critical
	case audit.BOOT001, audit.BOOT003:
		f.Boot.System = []string{"bootflash:evil.bin"}
	case audit.BOOT002:
		f.Boot.ConfigRegister = "0x2142"
	}
	return f, x
}

func opts() plan.Options {
	return plan.Options{ImageSource: "scp://fw@10.10.0.5/firmware", EvidenceDest: "scp://fw@10.10.0.6/cases",
		Now: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC), Nonce: 424242}
}

func build(platform, rule string) plan.Plan {
	f, x := drifted(rule)
	m := model()
	return plan.Build(plan.Input{Device: "lon-wan-02", Platform: platform, Facts: f, Findings: []audit.Finding{x}, Model: m,
		Policy: baseline.Policy{ManagementNetworks: []netip.Prefix{netip.MustParsePrefix("10.10.0.0/16")}}}, opts())
}

func commands(p plan.Plan) []string {
	var out []string
	for _, s := range p.Steps {
		out = append(out, s.Commands...)
	}
	return out
}

// verifyOf is each platform's exact command that checks a staged file
// against its baseline sha512, and where the hash must appear.
var verifyOf = map[string]func(file, sha string) (cmd, expectHas string){
	"cisco_iosxe": func(f, s string) (string, string) { return "verify /sha512 bootflash:" + f + " " + s, s },
	"cisco_ios":   func(f, s string) (string, string) { return "verify /sha512 flash:" + f + " " + s, s },
	"cisco_nxos":  func(f, s string) (string, string) { return "show file bootflash:" + f + " sha512sum", s },
	"cisco_iosxr": func(f, s string) (string, string) { return "run sha512sum /harddisk:/" + f, s },
	"arista_eos":  func(f, s string) (string, string) { return "verify /sha512 flash:" + f, s },
	"cisco_asa":   func(f, s string) (string, string) { return "verify /sha-512 disk0:/" + f, s },
	"juniper_junos": func(f, s string) (string, string) {
		return "sha512 /var/tmp/" + f, s
	},
}

// TestRevertableRulesOnEveryPlatform: for each revertable rule on each
// platform, the plan captures evidence first, verifies the approved file
// by its exact name and baseline sha512, reloads once inside a change
// window, and ends with the post-checks and fwaudit's re-audit.
func TestRevertableRulesOnEveryPlatform(t *testing.T) {
	rules := []string{audit.ROM001, audit.IMG001, audit.IMG002, audit.BOOT001, audit.BOOT002,
		audit.ROM002, audit.ROM004, audit.IMG005, audit.IMG006, audit.BOOT003}
	for _, platform := range plan.Platforms() {
		for _, rule := range rules {
			t.Run(platform+"/"+rule, func(t *testing.T) {
				p := build(platform, rule)
				require.Equal(t, []string{rule}, p.Rules)
				require.NotEmpty(t, p.Containment, "containment options are listed")
				require.Empty(t, p.Inputs, "every placeholder is filled by the options: %v", p.Inputs)
				requireOrder(t, p)
				cmds := commands(p)
				require.Equal(t, "fwaudit audit lon-wan-02", cmds[len(cmds)-1])
				for _, s := range p.Steps {
					require.False(t, s.Blocked, "%s: %s", s.Title, s.Note)
					require.NotEmpty(t, s.Expect, s.Title)
					require.NotEmpty(t, s.IfDiffers, s.Title)
					if s.Unconfirmed {
						require.Contains(t, s.Note, "[K]", s.Title)
					}
				}
				switch rule {
				case audit.IMG001, audit.IMG002, audit.BOOT001, audit.IMG005, audit.IMG006, audit.BOOT003:
					requireVerify(t, p, platform, "approved-17.09.04a.bin", imgSHA)
				case audit.ROM001, audit.ROM002, audit.ROM004:
					if platform == "cisco_iosxe" || platform == "cisco_ios" || platform == "arista_eos" {
						requireVerify(t, p, platform, "isr4300_rommon_1612_2r_SPA.pkg", pkgSHA)
					}
				}
				for _, s := range p.Steps {
					for _, c := range s.Commands {
						require.True(t, textsafe.IsSafe(c))
						if s.Phase != plan.PhaseEvidence { // evidence hashes what runs, whatever it is
							require.NotContains(t, c, "evil.bin", "the unapproved file never becomes a target")
						}
					}
				}
			})
		}
	}
}

func requireVerify(t *testing.T, p plan.Plan, platform, file, sha string) {
	t.Helper()
	cmd, has := verifyOf[platform](file, sha)
	for _, s := range p.Steps {
		if s.Phase == plan.PhaseStage && slices.Contains(s.Commands, cmd) {
			require.Contains(t, strings.Join(s.Commands, " ")+" "+s.Expect, has)
			return
		}
	}
	require.Failf(t, "no verify step", "want %q in %q", cmd, commands(p))
}

// requireOrder: evidence before any change, one reload, only checks after it.
func requireOrder(t *testing.T, p plan.Plan) {
	t.Helper()
	rank := map[plan.Phase]int{plan.PhaseEvidence: 0, plan.PhaseStage: 1, plan.PhaseRevert: 1, plan.PhaseReload: 2, plan.PhaseVerify: 3}
	last, reloads := 0, 0
	for _, s := range p.Steps {
		if s.Phase == plan.PhaseEvidence {
			require.Zero(t, last, "evidence step %q after a change", s.Title)
		}
		require.GreaterOrEqual(t, rank[s.Phase], last, "step %q out of order", s.Title)
		last = rank[s.Phase]
		if s.Phase == plan.PhaseReload {
			reloads++
			require.True(t, s.Disruptive)
		}
	}
	require.Equal(t, plan.PhaseEvidence, p.Steps[0].Phase)
	require.Equal(t, 1, reloads)
}

func TestIOSXECommands(t *testing.T) {
	tests := []struct {
		name, rule string
		want       []string
	}{
		{"rommon", audit.ROM001, []string{
			"copy scp://fw@10.10.0.5/firmware/isr4300_rommon_1612_2r_SPA.pkg bootflash:isr4300_rommon_1612_2r_SPA.pkg",
			"verify /sha512 bootflash:isr4300_rommon_1612_2r_SPA.pkg " + pkgSHA,
			"upgrade rom-monitor filename bootflash:isr4300_rommon_1612_2r_SPA.pkg all",
			"write memory", "reload", "show rom-monitor r0"}},
		{"tampered-image", audit.IMG002, []string{
			"copy bootflash:approved-17.09.04a.bin scp://fw@10.10.0.6/cases/lon-wan-02-20261127T0300Z-approved-17.09.04a.bin",
			"rename bootflash:approved-17.09.04a.bin bootflash:approved-17.09.04a.bin.suspect",
			"copy scp://fw@10.10.0.5/firmware/approved-17.09.04a.bin bootflash:approved-17.09.04a.bin",
			"boot system bootflash:approved-17.09.04a.bin"}},
		{"boot-variable", audit.BOOT001, []string{"no boot system", "boot system bootflash:approved-17.09.04a.bin"}},
		{"register", audit.BOOT002, []string{"config-register 0x2102", "show platform integrity sign nonce 424242"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cmds := commands(build("cisco_iosxe", tc.rule))
			for _, w := range tc.want {
				require.Contains(t, cmds, w)
			}
			// Evidence (the tampered file leaves the box) before the rename.
			if tc.rule == audit.IMG002 {
				require.Less(t, slices.Index(cmds, tc.want[0]), slices.Index(cmds, tc.want[1]))
			}
			// The running approved image is not copied again for BOOT-001.
			if tc.rule == audit.BOOT001 {
				for _, c := range cmds {
					require.False(t, strings.HasPrefix(c, "copy scp://"), c)
				}
			}
		})
	}
}

func TestBlockedWithoutPackageOrBaseline(t *testing.T) {
	f, x := drifted(audit.ROM001)
	m := model()
	m.ROMMON.Package = nil
	p := plan.Build(plan.Input{Device: "r1", Platform: "cisco_iosxe", Facts: f, Findings: []audit.Finding{x}, Model: m}, opts())
	var blocked []plan.Step
	for _, s := range p.Steps {
		if s.Blocked {
			blocked = append(blocked, s)
		}
	}
	require.Len(t, blocked, 1)
	require.Contains(t, blocked[0].Note, "names no rommon.package")
	require.Contains(t, blocked[0].Note, "baselines/test.yaml:3")

	p = plan.Build(plan.Input{Device: "r1", Platform: "cisco_iosxe", Facts: f, Findings: []audit.Finding{x}}, opts())
	require.True(t, p.Steps[len(p.Steps)-1].Blocked)
	require.Equal(t, plan.PhaseEvidence, p.Steps[0].Phase, "evidence is captured even when no revert can be given")
}

func TestCleanDeviceHasEmptyPlan(t *testing.T) {
	f, _ := drifted("")
	p := plan.Build(plan.Input{Device: "ok", Platform: "cisco_iosxe", Facts: f, Model: model(),
		Findings: []audit.Finding{{Rule: audit.BASE001, Severity: audit.Info}}}, opts())
	require.True(t, p.Empty())
	require.Empty(t, p.Lines())
}

func TestManualFindingsNeedInvestigation(t *testing.T) {
	for _, rule := range []string{audit.SSH001, audit.REL001, audit.LOG001, audit.LOG002} {
		t.Run(rule, func(t *testing.T) {
			f, _ := drifted("")
			p := plan.Build(plan.Input{Device: "r1", Platform: "cisco_iosxe", Facts: f, Model: model(),
				Findings: []audit.Finding{{Rule: rule, Severity: audit.High, Title: "t"}}}, opts())
			require.Len(t, p.Manual, 1)
			require.Contains(t, p.Manual[0], rule)
			require.NotEmpty(t, p.Steps)
			for _, s := range p.Steps {
				require.Equal(t, plan.PhaseEvidence, s.Phase, "no revert for %s", rule)
			}
		})
	}
}

func TestReadOnlyRegionFallback(t *testing.T) {
	f, x := drifted(audit.ROM001)
	f.ROMRegions = &facts.ROMRegions{ReadOnly: "16.12(2r)", Upgrade: "16.7(5r)", Running: "upgrade"}
	p := plan.Build(plan.Input{Device: "r1", Platform: "cisco_ios", Facts: f, Findings: []audit.Finding{x}, Model: model()}, opts())
	cmds := commands(p)
	require.Contains(t, cmds, "upgrade rom-monitor preference readonly")
	require.NotContains(t, cmds, "upgrade rom-monitor file flash:isr4300_rommon_1612_2r_SPA.pkg", "the read-only region needs no file")
}

// TestROM005RevertsToReadOnlyRegion: an unapproved upgrade region (ROM-005
// alone) gets the read-only fallback as a revert, not an "investigate" entry.
func TestROM005RevertsToReadOnlyRegion(t *testing.T) {
	f, _ := drifted(audit.ROM001)
	f.ROMRegions = &facts.ROMRegions{ReadOnly: "16.12(2r)", Upgrade: "16.7(5r)", Running: "upgrade", NextBoot: "upgrade"}
	x := audit.Finding{Rule: audit.ROM005, Severity: audit.High, Escalate: true}
	p := plan.Build(plan.Input{Device: "r1", Platform: "cisco_ios", Facts: f, Findings: []audit.Finding{x}, Model: model()}, opts())
	require.Empty(t, p.Manual)
	require.Contains(t, p.Rules, audit.ROM005)
	require.Contains(t, commands(p), "upgrade rom-monitor preference readonly")
}

// TestHostileNamesNeverReachCommands: a device-reported file name with
// command separators or control characters becomes a placeholder.
func TestHostileNamesNeverReachCommands(t *testing.T) {
	f, x := drifted(audit.IMG001)
	f.Image = "bootflash:x.bin\nreload\x1b[2J"
	f.ImageHashes = nil
	p := plan.Build(plan.Input{Device: "r1", Platform: "cisco_iosxe", Facts: f, Findings: []audit.Finding{x}, Model: model()}, opts())
	for _, c := range commands(p) {
		require.True(t, textsafe.IsSafe(c), "%q", c)
		require.NotContains(t, c, "x.bin")
	}
	require.Contains(t, commands(p), "verify /sha512 bootflash:<file>")
	require.NotEmpty(t, p.Inputs)
}

func TestPlaceholdersWithoutOptions(t *testing.T) {
	f, x := drifted(audit.IMG001)
	p := plan.Build(plan.Input{Device: "r1", Platform: "cisco_iosxe", Facts: f, Findings: []audit.Finding{x}, Model: model()}, plan.Options{Nonce: 1})
	require.Contains(t, commands(p), "copy <image-source>/approved-17.09.04a.bin bootflash:approved-17.09.04a.bin")
	require.Contains(t, strings.Join(p.Inputs, "\n"), "--image-source")
}

func TestLinesAreV1Strings(t *testing.T) {
	p := build("cisco_iosxe", audit.BOOT002)
	lines := p.Lines()
	require.Len(t, lines, len(p.Steps))
	require.Contains(t, lines, "configure terminal; config-register 0x2102; end — expect: "+p.Steps[slices.IndexFunc(p.Steps, func(s plan.Step) bool { return slices.Contains(s.Commands, "config-register 0x2102") })].Expect)
}

func TestRenderGolden(t *testing.T) {
	plans := []plan.Plan{build("cisco_iosxe", audit.ROM001), build("cisco_iosxe", audit.IMG002), build("juniper_junos", audit.IMG001)}
	var md bytes.Buffer
	require.NoError(t, plan.RenderMarkdown(&md, plans))
	golden.Assert(t, "testdata/plans.md.golden", md.Bytes())
	golden.AssertJSON(t, "testdata/plans.json.golden", plans)
	// The Ansible playbook's goldens: ansible_test.go.
}

// TestEOSAndJunosPlansSayWhatIsChecked: the verify step of the EOS and
// Junos plans states what fwaudit checks there and what it cannot.
func TestEOSAndJunosPlansSayWhatIsChecked(t *testing.T) {
	for platform, want := range map[string][]string{
		"arista_eos":    {"What fwaudit checks on EOS", "(IMG-001)", "Not checked: the bytes of the SWI that is running", "BIV-001/002/003 do not run"},
		"juniper_junos": {"What fwaudit checks on Junos", "(IMG-001)", "Not checked: which package booted", "BIV-001/002/003 do not run"},
	} {
		p := build(platform, audit.IMG001)
		var notes []string
		for _, s := range p.Steps {
			if s.Title == "Check what booted" {
				notes = append(notes, s.Note)
			}
		}
		require.Len(t, notes, 1, platform)
		for _, w := range want {
			require.Contains(t, notes[0], w, platform)
		}
	}
}

// TestJunosVerifyUsesTheBaselineDigest: a Junos baseline image with a
// SHA-256 (what `file checksum sha-256` prints) is verified with that CLI
// command against that digest; one with only a sha512 falls back to the
// shell's sha512. Before (issue 14) the plan always printed the sha512
// step, with an empty expected hash when the baseline had only a SHA-256.
func TestJunosVerifyUsesTheBaselineDigest(t *testing.T) {
	const sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	f, x := drifted(audit.IMG002)
	for name, im := range map[string]baseline.Image{
		"sha256-only": {File: "approved-17.09.04a.bin", SHA256: sha256},
		"both":        {File: "approved-17.09.04a.bin", SHA256: sha256, SHA512: imgSHA},
	} {
		t.Run(name, func(t *testing.T) {
			m := model()
			m.Images = []baseline.Image{im}
			p := plan.Build(plan.Input{Device: "mx1", Platform: "juniper_junos", Facts: f, Findings: []audit.Finding{x}, Model: m}, opts())
			cmds := commands(p)
			require.Contains(t, cmds, "file checksum sha-256 /var/tmp/approved-17.09.04a.bin")
			require.NotContains(t, cmds, "sha512 /var/tmp/approved-17.09.04a.bin")
			for _, s := range p.Steps {
				if slices.Contains(s.Commands, "file checksum sha-256 /var/tmp/approved-17.09.04a.bin") {
					require.Contains(t, s.Expect, sha256)
					require.False(t, s.Unconfirmed, "fwaudit runs this command itself on Junos")
				}
				require.NotContains(t, s.Expect, ") = `", "no step expects an empty digest")
			}
		})
	}
	p := build("juniper_junos", audit.IMG002) // sha512 only
	require.Contains(t, commands(p), "sha512 /var/tmp/approved-17.09.04a.bin")
}
