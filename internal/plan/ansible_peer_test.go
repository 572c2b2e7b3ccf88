package plan_test

import (
	"fmt"
	"fwaudit/internal/plan"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/testpeer"
)

// ansibleEnv runs Debian's Ansible with a fresh, writable HOME and temp
// folders, offline, never reading the user's configuration.
func ansibleEnv(t *testing.T) []string {
	home := t.TempDir()
	env := []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "NO_COLOR=1", "PY_COLORS=0",
		"ANSIBLE_LOCAL_TEMP=" + filepath.Join(home, "tmp"), "ANSIBLE_REMOTE_TEMP=" + filepath.Join(home, "tmp"),
		"ANSIBLE_HOME=" + filepath.Join(home, ".ansible"), "XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"ANSIBLE_CONFIG=" + filepath.Join(home, "none.cfg"), "ANSIBLE_NOCOLOR=1", "ANSIBLE_FORCE_COLOR=0"}
	return env
}

// goldenPlaybooks copies the golden playbooks into a fresh folder (so no
// configuration of this repository applies) and returns their paths.
func goldenPlaybooks(t *testing.T) (string, []string) {
	files, err := filepath.Glob("testdata/ansible/*.yml")
	require.NoError(t, err)
	require.Len(t, files, len(plan.Platforms())+1, "one per platform and the fleet")
	dir := t.TempDir()
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		p := filepath.Join(dir, filepath.Base(f))
		require.NoError(t, os.WriteFile(p, data, 0o600))
		out = append(out, filepath.Base(p))
	}
	return dir, out
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %s:\n%s", name, strings.Join(args, " "), out)
	return string(out)
}

// TestAnsibleLintClean: Debian's ansible-lint (production profile, offline:
// the modules resolve from the collections Debian's ansible ships) finds
// nothing in the golden playbooks, and ansible-playbook --syntax-check
// accepts each.
func TestAnsibleLintClean(t *testing.T) {
	lint := testpeer.Require(t, "apt-get install -y ansible-lint", "ansible-lint")
	playbook := testpeer.Require(t, "apt-get install -y ansible", "ansible-playbook")
	dir, files := goldenPlaybooks(t)
	env := ansibleEnv(t)
	out := run(t, dir, env, lint, append([]string{"--offline", "--nocolor", "--profile", "production", "-p"}, files...)...)
	require.Contains(t, out, fmt.Sprintf("0 failure(s), 0 warning(s) on %d files", len(files)), out)
	for _, f := range files {
		run(t, dir, env, playbook, "--syntax-check", "-i", "localhost,", f)
	}
}

// listTasks returns the tasks ansible-playbook would run for tags, as
// "block name/task name" per host block, in order.
func listTasks(t *testing.T, dir string, env []string, file string, args ...string) []string {
	playbook := testpeer.Require(t, "apt-get install -y ansible", "ansible-playbook")
	out := run(t, dir, env, playbook, append([]string{"--list-tasks", "-i", "localhost,", file}, args...)...)
	var tasks []string
	re := regexp.MustCompile(`^\s{6}(\S.*?)\tTAGS: \[(.*)\]$`)
	for l := range strings.Lines(out) {
		if m := re.FindStringSubmatch(strings.TrimRight(l, "\n")); m != nil {
			tasks = append(tasks, m[1]+" ["+m[2]+"]")
		}
	}
	return tasks
}

// TestAnsibleTagsSelectTasks asks Ansible itself which tasks each run
// executes: without tags none tagged never (so nothing that changes a
// device, no guard); with --tags change-window every task, in the order
// of the plan; with --tags stage only staging and its guard.
func TestAnsibleTagsSelectTasks(t *testing.T) {
	dir, _ := goldenPlaybooks(t)
	env := ansibleEnv(t)
	all := listTasks(t, dir, env, "fleet.yml", "--tags", "all,never")
	plain := listTasks(t, dir, env, "fleet.yml")
	window := listTasks(t, dir, env, "fleet.yml", "--tags", "change-window")
	stage := listTasks(t, dir, env, "fleet.yml", "--tags", "stage")
	require.NotEmpty(t, plain)
	for _, task := range plain {
		require.NotContains(t, task, "never", "runs without tags: %s", task)
	}
	require.Less(t, len(plain), len(all))
	require.Equal(t, all, window, "--tags change-window runs the whole sequence in order")
	require.True(t, slices.ContainsFunc(window, func(s string) bool { return strings.Contains(s, "Reload inside the change window") }))
	require.True(t, slices.ContainsFunc(window, func(s string) bool { return strings.HasPrefix(s, "Stop no-options-01") }))
	for _, task := range stage {
		require.Contains(t, task, "stage", task)
	}
	require.True(t, slices.ContainsFunc(stage, func(s string) bool { return strings.HasPrefix(s, "Stop no-options-01") }),
		"no-options-01 has no <image-source>: staging stops at the guard")
}
