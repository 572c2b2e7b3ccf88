package lab_test

import (
	"context"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/testpeer"
)

const snmpFleet = `
devices:
  - {name: rtr-1, platform: cisco_iosxe, model: ISR4331/K9, rommon: "16.12(2r)", image: isr.bin}
  - {name: rtr-2, platform: cisco_iosxe, model: C9300-48P, rommon: "17.9.1r[FC2]", image: cat9k.bin, snmp_firmware: "17.3.1r[FC2]",
     snmp_user: ops, snmp_auth_protocol: SHA256, snmp_auth_password: auth-pass-2, snmp_priv_protocol: AES256, snmp_priv_password: priv-pass-2}
`

// needTool skips (or fails under CI) when a net-snmp program is missing.
func needTool(t *testing.T, name string) string {
	t.Helper()
	return testpeer.Require(t, "apt-get install -y snmp", name)
}

// bulkwalk runs net-snmp's snmpbulkwalk against a lab device and returns
// OID → value lines (numeric OIDs, values without type prefixes).
func bulkwalk(t *testing.T, d *lab.Device, auth []string, root string) map[string]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmdArgs := append([]string{"-On", "-Oq", "-r", "1", "-t", "2"}, auth...)
	cmdArgs = append(cmdArgs, "127.0.0.1:"+strconv.Itoa(d.SNMPPort()), root)
	// Only stdout is data: net-snmp's first run says "Created directory: …"
	// on stderr.
	var stderr strings.Builder
	cmd := exec.CommandContext(ctx, needTool(t, "snmpbulkwalk"), cmdArgs...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		oid, val, _ := strings.Cut(line, " ")
		got[oid] = strings.Trim(val, `"`)
	}
	return got
}

func TestSNMPAgent_NetSNMPBulkwalk(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, snmpFleet), lab.Options{})
	fw := ".1.3.6.1.2.1.47.1.1.1.1.9"
	tests := []struct {
		name, device string
		auth         []string
		want         string
	}{
		{"v2c", "rtr-1", []string{"-v2c", "-c", lab.DefaultSNMPCommunity}, "16.12(2r)"},
		{"v3-authpriv-sha-aes", "rtr-1", []string{"-v3", "-l", "authPriv", "-u", lab.DefaultSNMPUser,
			"-a", "SHA", "-A", lab.DefaultSNMPAuthPassword, "-x", "AES", "-X", lab.DefaultSNMPPrivPassword}, "16.12(2r)"},
		{"v3-authpriv-sha256-aes256", "rtr-2", []string{"-v3", "-l", "authPriv", "-u", "ops",
			"-a", "SHA-256", "-A", "auth-pass-2", "-x", "AES-256", "-X", "priv-pass-2"}, "17.3.1r[FC2]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := bulkwalk(t, l.Device(tc.device), tc.auth, fw)
			require.Equal(t, tc.want, got[fw+".1"], "chassis row")
			require.Equal(t, tc.want, got[fw+".5"], "module R0 row")
			require.Equal(t, "", got[fw+".2"], "power supply has no firmware")
		})
	}
}
