package collect_test

import (
	"context"
	"log/slog"
	"maps"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/testpeer"
)

const snmpLabFleet = `
devices:
  - {name: rtr-1, platform: cisco_iosxe, model: ISR4331/K9, serial: FDO21520TGH, rommon: "16.12(2r)", image: isr.bin, config_register: "0x2102"}
  - {name: sw-2, platform: cisco_iosxe, model: C9300-48P, rommon: "17.9.1r[FC2]", image: cat9k.bin, snmp_firmware: "17.3.1r[FC2]",
     snmp_user: ops, snmp_auth_protocol: SHA256, snmp_auth_password: auth-pass-2, snmp_priv_protocol: AES256, snmp_priv_password: priv-pass-2}
`

func v2cTarget(d *lab.Device) collect.SNMPTarget {
	return collect.SNMPTarget{Address: "127.0.0.1", Port: d.SNMPPort(), Version: "2c", Community: lab.DefaultSNMPCommunity,
		Timeout: 2 * time.Second}
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

func TestCollectSNMP_Lab(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, snmpLabFleet), lab.Options{})
	tests := []struct {
		name   string
		target collect.SNMPTarget
		want   string // firmware of chassis and R0
		model  string
	}{
		{"v2c", v2cTarget(l.Device("rtr-1")), "16.12(2r)", "ISR4331/K9"},
		{"v3-authpriv-sha-aes", collect.SNMPTarget{Address: "127.0.0.1", Port: l.Device("rtr-1").SNMPPort(), Version: "3",
			User: lab.DefaultSNMPUser, SecurityLevel: "authPriv", AuthProtocol: "SHA", AuthPassword: lab.DefaultSNMPAuthPassword,
			PrivProtocol: "AES", PrivPassword: lab.DefaultSNMPPrivPassword}, "16.12(2r)", "ISR4331/K9"},
		{"v3-authpriv-sha256-aes256", collect.SNMPTarget{Address: "127.0.0.1", Port: l.Device("sw-2").SNMPPort(), Version: "3",
			User: "ops", SecurityLevel: "authPriv", AuthProtocol: "SHA256", AuthPassword: "auth-pass-2",
			PrivProtocol: "AES256", PrivPassword: "priv-pass-2"}, "17.3.1r[FC2]", "C9300-48P"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := collect.CollectSNMP(context.Background(), tc.target, quiet())
			require.NoError(t, err)
			require.Equal(t, tc.model, res.Model)
			require.Len(t, res.SNMP.Entities, 7)
			byName := map[string]facts.Component{}
			for _, c := range res.Components {
				require.Equal(t, facts.SourceSNMP, c.Source)
				byName[c.Name] = c
			}
			require.Equal(t, []string{"0", "F0", "R0", "chassis"}, sortedKeys(byName))
			require.Equal(t, tc.want, byName["R0"].Version)
			require.Equal(t, "entPhysicalFirmwareRev.5", byName["R0"].Origin)
			require.Equal(t, tc.want, byName["chassis"].Version)
			require.Contains(t, res.SNMP.SysDescr, "Version 17.9.4a")
			require.True(t, strings.HasPrefix(res.SNMP.SysObjectID, "1.3.6.1.4.1.9.1."), res.SNMP.SysObjectID)
			require.Equal(t, "0x2102", res.SNMP.ConfigRegister)
			require.Equal(t, int64(1), res.SNMP.EngineBoots)
			require.Greater(t, res.SNMP.EngineTimeSeconds, int64(86400))
			require.NotEmpty(t, res.Varbinds)
		})
	}
}

func TestCollectSNMP_WrongCredentials(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, snmpLabFleet), lab.Options{})
	tests := []struct {
		name   string
		target collect.SNMPTarget
	}{
		{"v2c-community", collect.SNMPTarget{Address: "127.0.0.1", Port: l.Device("rtr-1").SNMPPort(), Version: "2c", Community: "public"}},
		{"v3-auth-password", collect.SNMPTarget{Address: "127.0.0.1", Port: l.Device("rtr-1").SNMPPort(), Version: "3",
			User: lab.DefaultSNMPUser, SecurityLevel: "authPriv", AuthProtocol: "SHA", AuthPassword: "wrong-password",
			PrivProtocol: "AES", PrivPassword: lab.DefaultSNMPPrivPassword}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.target.Timeout, tc.target.Retries = 200*time.Millisecond, -1
			_, err := collect.CollectSNMP(context.Background(), tc.target, quiet())
			require.ErrorIs(t, err, collect.ErrTimeout)
		})
	}
}

func TestCollectSNMP_ContextCancel(t *testing.T) {
	// A UDP port nobody answers on: the context ends the collection, not
	// the (long) per-request timeout.
	d := labtest.StartFleet(t, labtest.Fleet(t, snmpLabFleet), lab.Options{}).Device("rtr-1")
	tg := v2cTarget(d)
	tg.Community, tg.Timeout, tg.Retries = "nobody", time.Minute, 5
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := collect.CollectSNMP(ctx, tg, quiet())
	require.ErrorIs(t, err, collect.ErrTimeout)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

// TestCollectSNMP_MatchesNetSNMP: net-snmp's snmpbulkwalk prints the same
// entPhysicalTable values fwaudit reads from the lab agent.
func TestCollectSNMP_MatchesNetSNMP(t *testing.T) {
	bin := needSNMPTool(t, "snmpbulkwalk")
	d := labtest.StartFleet(t, labtest.Fleet(t, snmpLabFleet), lab.Options{}).Device("sw-2")
	res, err := collect.CollectSNMP(context.Background(), collect.SNMPTarget{Address: "127.0.0.1", Port: d.SNMPPort(), Version: "3",
		User: "ops", SecurityLevel: "authPriv", AuthProtocol: "SHA256", AuthPassword: "auth-pass-2",
		PrivProtocol: "AES256", PrivPassword: "priv-pass-2"}, quiet())
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// Only stdout is data: net-snmp's first run says "Created directory: …"
	// on stderr.
	var stderr strings.Builder
	cmd := exec.CommandContext(ctx, bin, "-v3", "-l", "authPriv", "-u", "ops", "-a", "SHA-256", "-A", "auth-pass-2",
		"-x", "AES-256", "-X", "priv-pass-2", "-On", "-Oq", "-r", "1", "-t", "2",
		"127.0.0.1:"+strconv.Itoa(d.SNMPPort()), "1.3.6.1.2.1.47.1.1.1.1")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	theirs := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		oid, val, _ := strings.Cut(line, " ")
		theirs[oid] = strings.Trim(val, `"`)
	}
	ours := map[string]string{}
	for _, vb := range res.Varbinds {
		if strings.HasPrefix(vb.OID, ".1.3.6.1.2.1.47.1.1.1.1.") {
			ours[vb.OID] = vb.Value
		}
	}
	require.Len(t, ours, len(theirs))
	for _, col := range []int{2, 4, 5, 7, 8, 9, 10, 11, 13} {
		for _, e := range res.SNMP.Entities {
			oid := ".1.3.6.1.2.1.47.1.1.1.1." + strconv.Itoa(col) + "." + strconv.Itoa(e.Index)
			require.Equal(t, theirs[oid], ours[oid], oid)
		}
	}
}

func needSNMPTool(t *testing.T, name string) string {
	t.Helper()
	return testpeer.Require(t, "apt-get install -y snmp snmpd snmpsim", name)
}

func sortedKeys(m map[string]facts.Component) []string { return slices.Sorted(maps.Keys(m)) }
