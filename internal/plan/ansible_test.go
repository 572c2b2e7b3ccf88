package plan_test

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/golden"
	"fwaudit/internal/plan"
)

// fullPlan is a plan with every kind of step: a ROMMON write, a tampered
// running image, a changed config register.
func fullPlan(device, platform string, o plan.Options, m *baseline.Model) plan.Plan {
	f, _ := drifted(audit.IMG002)
	f.ROMMON[0].Version, f.Boot.ConfigRegister = "16.7(5r)", "0x2142"
	var findings []audit.Finding
	for _, rule := range []string{audit.ROM001, audit.IMG002, audit.BOOT002} {
		_, x := drifted(rule)
		findings = append(findings, x)
	}
	return plan.Build(plan.Input{Device: device, Platform: platform, Facts: f, Findings: findings, Model: m}, o)
}

// ansibleFixtures are the playbooks rendered for the golden files and the
// Ansible peers: one per platform with every option filled, and a fleet
// where one device still has placeholders and one a blocked step.
func ansibleFixtures() map[string][]plan.Plan {
	out := map[string][]plan.Plan{}
	for _, platform := range plan.Platforms() {
		out[platform] = []plan.Plan{fullPlan("lon-wan-02", platform, opts(), model())}
	}
	noPkg := model()
	noPkg.ROMMON.Package = nil
	out["fleet"] = []plan.Plan{
		fullPlan("no-options-01", "cisco_iosxe", plan.Options{Nonce: 7}, model()),
		fullPlan("no-package-01", "cisco_ios", opts(), noPkg),
		fullPlan("ready-01", "arista_eos", opts(), model()),
	}
	return out
}

func renderAnsible(t *testing.T, plans []plan.Plan) []byte {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, plan.RenderAnsible(&out, plans))
	return out.Bytes()
}

func TestAnsibleGolden(t *testing.T) {
	for name, plans := range ansibleFixtures() {
		t.Run(name, func(t *testing.T) {
			golden.Assert(t, "testdata/ansible/"+name+".yml", renderAnsible(t, plans))
		})
	}
}

type playbookTask struct {
	Name  string
	Tags  []string
	Block []playbookTask
	When  string
	Mod   string   // the module key (a dotted name)
	Cmds  []string // commands or config lines the module sends
	Order int
}

// parsePlaybook reads a rendered playbook back: the blocks of its one play.
func parsePlaybook(t *testing.T, data []byte) (hosts []string, blocks []playbookTask) {
	t.Helper()
	var plays []struct {
		Hosts          []string         `yaml:"hosts"`
		AnyErrorsFatal bool             `yaml:"any_errors_fatal"`
		Tasks          []map[string]any `yaml:"tasks"`
	}
	require.NoError(t, yaml.Unmarshal(data, &plays))
	require.Len(t, plays, 1, "one play: a failing device must not end the run for the others")
	require.False(t, plays[0].AnyErrorsFatal)
	for _, b := range plays[0].Tasks {
		pb := playbookTask{Name: b["name"].(string), When: b["when"].(string)}
		for _, raw := range b["block"].([]any) {
			pb.Block = append(pb.Block, toTask(raw.(map[string]any)))
		}
		blocks = append(blocks, pb)
	}
	return plays[0].Hosts, blocks
}

func toTask(m map[string]any) playbookTask {
	t := playbookTask{Name: m["name"].(string)}
	for _, tag := range m["tags"].([]any) {
		t.Tags = append(t.Tags, tag.(string))
	}
	for k, v := range m {
		if !strings.Contains(k, ".") {
			continue
		}
		t.Mod = k
		args, _ := v.(map[string]any)
		for _, key := range []string{"commands", "lines"} {
			list, _ := args[key].([]any)
			for _, c := range list {
				if cm, ok := c.(map[string]any); ok {
					c = cm["command"]
				}
				t.Cmds = append(t.Cmds, c.(string))
			}
		}
		if cmd, ok := args["cmd"].(string); ok {
			t.Cmds = append(t.Cmds, cmd)
		}
	}
	return t
}

// changingCommand is the test's own list of what changes a device: written
// from the vendors' command references, independently of the renderer.
var changingCommand = regexp.MustCompile(`^(copy|file (copy|rename|delete)|rename|move|delete|upgrade|install|request|reload|write|boot|no boot|config-register|configure|run mv|bash .*\bmv\b|admin|end)\b|\| (redirect|save|tee|append)|>`)

// TestAnsibleNoChangeWithoutTags: in every playbook, every task whose module
// is a config module, whose commands change the device, or which fails on
// purpose, carries `never` (so a run without --tags cannot reach it), and
// every task carries change-window (so --tags change-window runs the whole
// sequence, in order).
func TestAnsibleNoChangeWithoutTags(t *testing.T) {
	fixtures := ansibleFixtures()
	for _, rule := range []string{audit.ROM001, audit.ROM002, audit.ROM004, audit.ROM005, audit.IMG001, audit.IMG002, audit.IMG005,
		audit.IMG006, audit.BOOT001, audit.BOOT002, audit.BOOT003} {
		var plans []plan.Plan
		for _, platform := range plan.Platforms() {
			f, x := drifted(rule)
			if rule == audit.ROM005 {
				x = audit.Finding{Rule: audit.ROM005, Severity: audit.High, Escalate: true}
			}
			plans = append(plans, plan.Build(plan.Input{Device: "d-" + platform, Platform: platform, Facts: f, Findings: []audit.Finding{x}, Model: model()}, plan.Options{}))
		}
		fixtures["rule-"+rule] = plans
	}
	for name, plans := range fixtures {
		t.Run(name, func(t *testing.T) {
			hosts, blocks := parsePlaybook(t, renderAnsible(t, plans))
			require.Len(t, blocks, len(plans))
			changing, readOnly := 0, 0
			for i, b := range blocks {
				require.Equal(t, plans[i].Device, hosts[i])
				require.Equal(t, fmt.Sprintf("inventory_hostname == %q", plans[i].Device), b.When)
				for _, task := range b.Block {
					require.Contains(t, task.Tags, "change-window", task.Name)
					changes := strings.HasSuffix(task.Mod, "_config") || task.Mod == "ansible.builtin.fail" ||
						slices.ContainsFunc(task.Cmds, changingCommand.MatchString)
					if changes {
						changing++
						require.Contains(t, task.Tags, "never", "%s: %s %v", b.Name, task.Name, task.Cmds)
					} else if !slices.Contains(task.Tags, "never") {
						readOnly++
					}
					for _, c := range task.Cmds {
						require.NotRegexp(t, `<[a-z-]+>`, c, "a placeholder in a task that runs: %s", task.Name)
					}
				}
			}
			require.Positive(t, changing, "the fixture has changes to gate")
			require.Positive(t, readOnly, "a run without tags still collects evidence")
		})
	}
}

// TestAnsibleGuardsDeviceThatNeedsInput: a device with placeholders or a
// blocked step gets a failing guard before its first change, tagged like
// the steps it protects; a ready device gets none.
func TestAnsibleGuardsDeviceThatNeedsInput(t *testing.T) {
	_, blocks := parsePlaybook(t, renderAnsible(t, ansibleFixtures()["fleet"]))
	require.Len(t, blocks, 3)
	guard := func(b playbookTask) (int, playbookTask) {
		i := slices.IndexFunc(b.Block, func(x playbookTask) bool { return strings.HasPrefix(x.Name, "Stop ") })
		if i < 0 {
			return i, playbookTask{}
		}
		return i, b.Block[i]
	}
	firstChange := func(b playbookTask) int {
		return slices.IndexFunc(b.Block, func(x playbookTask) bool { return slices.Contains(x.Tags, "never") })
	}
	i, g := guard(blocks[0])
	require.GreaterOrEqual(t, i, 0, "no-options-01 has <image-source> and <evidence-dest>")
	require.Equal(t, i, firstChange(blocks[0]))
	require.Equal(t, "ansible.builtin.fail", g.Mod)
	require.Subset(t, g.Tags, []string{"never", "change-window", "stage", "evidence"})

	i, g = guard(blocks[1])
	require.GreaterOrEqual(t, i, 0, "no-package-01 has a blocked ROMMON step")
	require.Equal(t, i, firstChange(blocks[1]))
	require.Contains(t, g.Tags, "revert")

	i, _ = guard(blocks[2])
	require.Equal(t, -1, i, "ready-01 needs nothing")
}

func TestAnsibleRefusesUnusableDeviceNames(t *testing.T) {
	for _, name := range []string{`r1" or true or "`, "r1 r2", "{{ lookup('pipe','id') }}", ""} {
		p := build("cisco_iosxe", audit.IMG001)
		p.Device = name
		require.Error(t, plan.RenderAnsible(&bytes.Buffer{}, []plan.Plan{p}), name)
	}
	p := build("cisco_iosxe", audit.IMG001)
	require.Error(t, plan.RenderAnsible(&bytes.Buffer{}, []plan.Plan{p, p}), "a device listed twice")
}
