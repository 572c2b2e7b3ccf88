package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/report"
)

const (
	secretPassword = "pw-Zq81-NEVER-PRINT"
	secretEnable   = "en-Kx22-NEVER-PRINT"
)

// secretInventory starts a lab whose devices use the secret credentials
// (one refuses the password, one the enable secret), and writes an
// inventory that reads the password from a group-readable file and the
// enable secret from the environment.
func secretInventory(t *testing.T) string {
	t.Helper()
	l, inv := startQuirkyLab(t, 4, nil, func(i int, d *lab.DeviceSpec) {
		d.Password, d.EnableSecret = secretPassword, secretEnable
		switch i {
		case 2:
			d.Password = "the-device-wants-another-password"
		case 3:
			d.EnableSecret = "the-device-wants-another-enable"
		}
	})
	dir := filepath.Dir(inv)
	pwFile := filepath.Join(dir, "password")
	require.NoError(t, os.WriteFile(pwFile, []byte(secretPassword+"\n"), 0o640))
	require.NoError(t, os.Chmod(pwFile, 0o640)) // the umask may have narrowed it
	t.Setenv("FWAUDIT_TEST_ENABLE", secretEnable)
	var b strings.Builder
	fmt.Fprintf(&b, "defaults: {credentials: lab, ssh: {known_hosts: ./known_hosts}}\n")
	fmt.Fprintf(&b, "credentials:\n  lab: {username: %s, password_file: ./password, enable_secret_env: FWAUDIT_TEST_ENABLE}\n", lab.DefaultUsername)
	fmt.Fprintf(&b, "devices:\n")
	for _, d := range l.Devices() {
		fmt.Fprintf(&b, "  - {name: %s, address: 127.0.0.1, port: %d, platform: cisco_iosxe}\n", d.Name(), d.Port())
	}
	require.NoError(t, os.WriteFile(inv, []byte(b.String()), 0o600))
	return inv
}

// TestSecretsNeverPrinted runs a sweep with known secret values, including
// a refused password and a refused enable secret, in every output format and
// both log formats at debug level, and proves neither secret appears in the
// report, the logs or the returned error.
func TestSecretsNeverPrinted(t *testing.T) {
	inv := secretInventory(t)
	for _, format := range report.Formats {
		for _, logFormat := range []string{"text", "json"} {
			t.Run(format+"-"+logFormat, func(t *testing.T) {
				g := testGlobals(inv)
				g.Output, g.LogLevel, g.LogFormat = format, "debug", logFormat
				logs := &syncBuffer{}
				g.stderr = logs
				var out bytes.Buffer
				err := runSweepT(context.Background(), g, &out)
				require.Equal(t, exitFailed, exitCode(err), "err: %v", err)
				for name, text := range map[string]string{"report": out.String(), "logs": logs.String(), "error": err.Error()} {
					require.NotContains(t, text, secretPassword, name)
					require.NotContains(t, text, secretEnable, name)
				}
				require.Contains(t, out.String(), "lab-0003")
				require.Contains(t, logs.String(), "authentication failed", "the refused password is reported")
				require.Contains(t, logs.String(), "could not raise privilege", "the refused enable secret is reported")
				require.Contains(t, logs.String(), "readable by group or others", "the loose password file is reported")
			})
		}
	}
	t.Run("audit-detail", func(t *testing.T) {
		g := testGlobals(inv)
		g.LogLevel = "debug"
		logs := &syncBuffer{}
		g.stderr = logs
		var out bytes.Buffer
		err := runAuditT(context.Background(), g, []string{"lab-0004"}, &out)
		require.Error(t, err)
		for _, text := range []string{out.String(), logs.String(), err.Error()} {
			require.NotContains(t, text, secretPassword)
			require.NotContains(t, text, secretEnable)
		}
	})
}
