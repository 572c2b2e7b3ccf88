package deploy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/testpeer"
)

// As root (CI), the wrapper runs as nobody with envGroup as its one
// supplementary group: the env file is root:envGroup 0640, as installed.
const (
	nobody   = 65534
	envGroup = 64917
)

// fakeFwaudit stands in for fwaudit: it exits FAKE_EXIT, prints a report
// naming FAKE_RUN unless it exits 3, and records the variable the env file
// exports and its arguments.
const fakeFwaudit = `#!/bin/sh
printf '%s\n' "${FWAUDIT_SNMP_COMMUNITY-unset}" >"$FAKE_LOG/community"
printf '%s\n' "$*" >"$FAKE_LOG/args"
if [ "$FAKE_EXIT" = 3 ]; then echo "config error" >&2; exit 3; fi
printf '{\n  "schema": "fwaudit.report/v1",\n  "run": %s\n}\n' "$FAKE_RUN"
exit "$FAKE_EXIT"
`

const fakeAlert = `#!/bin/sh
printf '%s|%s|%s\n' "$1" "$2" "$3" >>"$FAKE_LOG/alerts"
`

type sweepBox struct {
	dir, state, log, envFile string
	asRoot                   bool
}

// newSweepBox lays out bin/ (the wrapper, fake fwaudit and alert), etc/
// (the env file) and a state folder the sweep user owns, all reachable by
// that user.
func newSweepBox(t *testing.T) *sweepBox {
	t.Helper()
	dir, err := os.MkdirTemp("", "fwaudit-deploy-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	b := &sweepBox{dir: dir, state: filepath.Join(dir, "state"), log: filepath.Join(dir, "log"),
		envFile: filepath.Join(dir, "etc", "fwaudit.env"), asRoot: os.Geteuid() == 0}
	for _, d := range []string{dir, filepath.Join(dir, "bin"), filepath.Join(dir, "etc")} {
		require.NoError(t, os.MkdirAll(d, 0o755))
		require.NoError(t, os.Chmod(d, 0o755))
	}
	for _, d := range []string{b.state, b.log} {
		require.NoError(t, os.Mkdir(d, 0o750))
		if b.asRoot {
			require.NoError(t, os.Chown(d, nobody, nobody))
		}
	}
	copyFile(t, "run-sweep.sh", filepath.Join(dir, "bin", "run-sweep.sh"), 0o755)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bin", "fwaudit"), []byte(fakeFwaudit), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bin", "alert"), []byte(fakeAlert), 0o755))
	require.NoError(t, os.WriteFile(b.envFile, []byte("# secrets\nFWAUDIT_SNMP_COMMUNITY=s3cret\n"), 0o640))
	if b.asRoot {
		require.NoError(t, os.Chown(b.envFile, 0, envGroup))
	}
	return b
}

// run runs the wrapper under dash as a non-root user; withGroup false
// leaves out the group that may read the env file.
func (b *sweepBox) run(t *testing.T, run, exit int, withGroup bool) (int, string) {
	t.Helper()
	dash := testpeer.Require(t, "apt-get install -y dash", "dash")
	argv := []string{dash, filepath.Join(b.dir, "bin", "run-sweep.sh"), "--device", "lon-*"}
	if b.asRoot {
		setpriv := testpeer.Require(t, "apt-get install -y util-linux", "setpriv")
		groups := "--clear-groups"
		if withGroup {
			groups = "--groups=" + strconv.Itoa(envGroup)
		}
		argv = append([]string{setpriv, "--reuid=" + strconv.Itoa(nobody), "--regid=" + strconv.Itoa(nobody), groups, "--"}, argv...)
	} else if !withGroup {
		require.NoError(t, os.Chmod(b.envFile, 0o000))
		defer func() { require.NoError(t, os.Chmod(b.envFile, 0o640)) }()
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = []string{"PATH=" + filepath.Join(b.dir, "bin") + ":/usr/bin:/bin", "LC_ALL=C",
		"FWAUDIT_ENV_FILE=" + b.envFile, "FWAUDIT_REPORT=" + filepath.Join(b.state, "last-report.json"),
		"FWAUDIT_CONFIG=/etc/fwaudit/fwaudit.yaml", "FWAUDIT_ALERT_COMMAND=" + filepath.Join(b.dir, "bin", "alert"),
		"FAKE_LOG=" + b.log, "FAKE_RUN=" + strconv.Itoa(run), "FAKE_EXIT=" + strconv.Itoa(exit)}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), stderr.String()
	}
	require.NoError(t, err)
	return 0, stderr.String()
}

func (b *sweepBox) alerts(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(b.log, "alerts"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	require.NoError(t, err)
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// reportRun decodes the report strictly and returns its run number.
func (b *sweepBox) reportRun(t *testing.T) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(b.state, "last-report.json"))
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var rep struct {
		Schema string `json:"schema"`
		Run    int    `json:"run"`
	}
	require.NoError(t, dec.Decode(&rep), "last-report.json: %s", data)
	require.False(t, dec.More(), "last-report.json holds more than one document: %s", data)
	require.Equal(t, "fwaudit.report/v1", rep.Schema)
	return rep.Run
}

// TestRunSweepUnderDash runs the cron wrapper under dash as a non-root
// user, run after run on one state folder: the report is one valid JSON
// document after each (the last good one), the env file's variables reach
// fwaudit, the alert runs on every non-zero code, the exit code is kept.
func TestRunSweepUnderDash(t *testing.T) {
	b := newSweepBox(t)
	tests := []struct {
		name       string
		exit       int
		noGroup    bool
		wantCode   int
		wantReport int    // run number in last-report.json after the run
		wantAlert  string // "" = no new alert; else its prefix "CODE|"
	}{
		{name: "clean", exit: 0, wantCode: 0, wantReport: 1},
		{name: "drift", exit: 1, wantCode: 1, wantReport: 2, wantAlert: "1|firmware DRIFT"},
		{name: "unreachable", exit: 2, wantCode: 2, wantReport: 3, wantAlert: "2|some devices could not be audited"},
		{name: "bad-config-keeps-last-report", exit: 3, wantCode: 3, wantReport: 3, wantAlert: "3|fwaudit configuration error"},
		{name: "env-file-unreadable", exit: 0, noGroup: true, wantCode: 3, wantReport: 3, wantAlert: "3|cannot read " + b.envFile},
		{name: "clean-again", exit: 0, wantCode: 0, wantReport: 6},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(b.alerts(t))
			require.NoError(t, os.RemoveAll(filepath.Join(b.log, "community")))
			code, stderr := b.run(t, i+1, tc.exit, !tc.noGroup)
			require.Equal(t, tc.wantCode, code, "stderr: %s", stderr)
			require.Equal(t, tc.wantReport, b.reportRun(t))
			alerts := b.alerts(t)
			if tc.wantAlert == "" {
				require.Len(t, alerts, before)
			} else {
				require.Len(t, alerts, before+1)
				require.True(t, strings.HasPrefix(alerts[before], tc.wantAlert), alerts[before])
				require.True(t, strings.HasSuffix(alerts[before], "|"+filepath.Join(b.state, "last-report.json")), alerts[before])
			}
			community, err := os.ReadFile(filepath.Join(b.log, "community"))
			if tc.noGroup {
				require.ErrorIs(t, err, os.ErrNotExist, "fwaudit ran without its env file")
				return
			}
			require.NoError(t, err)
			require.Equal(t, "s3cret\n", string(community), "the env file's variable was not exported")
			args, err := os.ReadFile(filepath.Join(b.log, "args"))
			require.NoError(t, err)
			require.Equal(t, "sweep --config /etc/fwaudit/fwaudit.yaml --log-format json -o json --device lon-*\n", string(args))
			entries, err := os.ReadDir(b.state)
			require.NoError(t, err)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			require.Equal(t, []string{"last-report.json"}, names, "temporary files left behind")
		})
	}
}

// TestCronRunsWrapperAsFwaudit: the cron line runs the wrapper as user
// fwaudit, with no shell redirection of its own.
func TestCronRunsWrapperAsFwaudit(t *testing.T) {
	data, err := os.ReadFile("cron/fwaudit.cron")
	require.NoError(t, err)
	var jobs [][]string
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") || strings.Contains(f[0], "=") {
			continue
		}
		jobs = append(jobs, f)
	}
	require.Len(t, jobs, 1)
	require.Equal(t, []string{"30", "2", "*", "*", "*", "fwaudit", wrapperPath}, jobs[0])
}

// TestEnvFileExample: the example env file is plain KEY=value lines, read
// alike by sh and by systemd's EnvironmentFile=.
func TestEnvFileExample(t *testing.T) {
	data, err := os.ReadFile("cron/fwaudit.env")
	require.NoError(t, err)
	n := 0
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		require.True(t, ok, "line %d: %q", i+1, line)
		require.Regexp(t, `^[A-Z_][A-Z0-9_]*$`, k, "line %d", i+1)
		require.NotContains(t, v, " ", fmt.Sprintf("line %d: quote-free values only", i+1))
		require.False(t, strings.ContainsAny(v, "'\"$`\\"), "line %d: quote-free values only", i+1)
		n++
	}
	require.NotZero(t, n)
}
