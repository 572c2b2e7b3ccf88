package deploy

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/testpeer"
)

// wrapperPath is where every example installs run-sweep.sh.
const wrapperPath = "/usr/local/libexec/fwaudit/run-sweep.sh"

var unitFiles = []string{"fwaudit-sweep.service", "fwaudit-sweep.timer", "fwaudit-alert@.service"}

// verifyUnits copies the unit files into a folder, with ExecStart of the
// wrapper pointing at a real copy (systemd-analyze checks the command is
// executable), edits each with edit, and returns what systemd-analyze
// verify printed and its error.
func verifyUnits(t *testing.T, edit func(name, text string) string) (string, error) {
	t.Helper()
	sa := testpeer.Require(t, "apt-get install -y systemd", "systemd-analyze")
	dir := t.TempDir()
	wrapper := filepath.Join(dir, "run-sweep.sh")
	copyFile(t, "run-sweep.sh", wrapper, 0o755)
	args := []string{"verify", "--man=no"}
	for _, name := range unitFiles {
		b, err := os.ReadFile(filepath.Join("systemd", name))
		require.NoError(t, err)
		text := edit(name, strings.ReplaceAll(string(b), wrapperPath, wrapper))
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		args = append(args, p)
	}
	cmd := exec.Command(sa, args...)
	// The OnFailure= instance (fwaudit-alert@fwaudit-sweep.service.service)
	// is found through the unit path; the trailing ':' keeps the defaults.
	cmd.Env = append(os.Environ(), "SYSTEMD_UNIT_PATH="+dir+":")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestSystemdUnitsVerify: systemd-analyze accepts every unit file with no
// warning at all (an unknown key is only a warning, so output fails too).
func TestSystemdUnitsVerify(t *testing.T) {
	out, err := verifyUnits(t, func(_, text string) string { return text })
	require.NoError(t, err, out)
	require.Empty(t, out)
}

// TestSystemdVerifyCatchesTypos proves the check above can fail.
func TestSystemdVerifyCatchesTypos(t *testing.T) {
	out, _ := verifyUnits(t, func(name, text string) string {
		if name == "fwaudit-alert@.service" {
			return strings.Replace(text, "PrivateTmp=", "PrivateTmpp=", 1)
		}
		return text
	})
	require.Contains(t, out, "PrivateTmpp")
}

// TestSystemdSweepWritesReportAtomically: the service runs the wrapper
// (which renames a whole report into place), never a shell append of
// stdout, and leaves alerting to OnFailure=.
func TestSystemdSweepWritesReportAtomically(t *testing.T) {
	b, err := os.ReadFile("systemd/fwaudit-sweep.service")
	require.NoError(t, err)
	keys := unitKeys(string(b))
	require.Equal(t, []string{wrapperPath}, keys["ExecStart"])
	require.Equal(t, []string{"journal"}, keys["StandardOutput"])
	require.Contains(t, keys["Environment"], "FWAUDIT_REPORT=/var/lib/fwaudit/last-report.json")
	require.Contains(t, keys["Environment"], "FWAUDIT_ENV_FILE=")
	require.Contains(t, keys["Environment"], "FWAUDIT_ALERT_COMMAND=none")
	require.Equal(t, []string{"fwaudit"}, keys["StateDirectory"])
	require.Equal(t, []string{"fwaudit-alert@%n.service"}, keys["OnFailure"])
	for _, v := range keys["StandardOutput"] {
		require.NotContains(t, v, "append:")
	}
}

// unitKeys returns every Key=value of a unit file, comments and
// continuation lines aside, values in order.
func unitKeys(text string) map[string][]string {
	keys := map[string][]string{}
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' || line[0] == '[' {
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok && !strings.ContainsAny(k, " \t") {
			keys[k] = append(keys[k], v)
		}
	}
	return keys
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	b, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, b, mode))
	require.NoError(t, os.Chmod(to, mode))
}
