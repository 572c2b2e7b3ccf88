package collect_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
)

// freeUDPPort returns a loopback UDP port that was free a moment ago.
func freeUDPPort(t *testing.T) int {
	t.Helper()
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	require.NoError(t, err)
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).Port
}

// startDaemon runs a peer in the foreground until the test ends and waits
// until target answers a collection.
func startDaemon(t *testing.T, target collect.SNMPTarget, name string, args ...string) *strings.Builder {
	t.Helper()
	var log strings.Builder
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.Env = append(os.Environ(), "SNMP_PERSISTENT_DIR="+t.TempDir(), "MIBS=")
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	target.Timeout, target.Retries = 300*time.Millisecond, -1
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, err := collect.CollectSNMP(context.Background(), target, quiet())
		if err == nil {
			return &log
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer: %v\n%s", name, err, log.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestCollectSNMP_NetSNMPd: net-snmp's snmpd with SNMPv3 authPriv users
// (SHA-256/AES-128 and SHA/AES-256) and a v2c community.
func TestCollectSNMP_NetSNMPd(t *testing.T) {
	bin := needSNMPTool(t, "snmpd")
	port := freeUDPPort(t)
	conf := filepath.Join(t.TempDir(), "snmpd.conf")
	require.NoError(t, os.WriteFile(conf, []byte(strings.Join([]string{
		"createUser fwsha256 SHA-256 fw-auth-sha256 AES fw-priv-aes128",
		"createUser fwsha1 SHA fw-auth-sha1 AES-256 fw-priv-aes256",
		"rouser fwsha256 authpriv",
		"rouser fwsha1 authpriv",
		"rocommunity fwcomm 127.0.0.1",
		"sysName snmpd-peer",
		"sysDescr fwaudit test peer",
		"",
	}, "\n")), 0o600))
	v2 := collect.SNMPTarget{Address: "127.0.0.1", Port: port, Version: "2c", Community: "fwcomm"}
	startDaemon(t, v2, bin, "-f", "-Lo", "-C", "-c", conf, "-r", fmt.Sprintf("udp:127.0.0.1:%d", port))
	tests := []struct {
		name   string
		target collect.SNMPTarget
		fails  bool
	}{
		{"v2c", v2, false},
		{"v3-sha256-aes128", collect.SNMPTarget{Version: "3", User: "fwsha256", SecurityLevel: "authPriv",
			AuthProtocol: "SHA256", AuthPassword: "fw-auth-sha256", PrivProtocol: "AES", PrivPassword: "fw-priv-aes128"}, false},
		{"v3-sha-aes256", collect.SNMPTarget{Version: "3", User: "fwsha1", SecurityLevel: "authPriv",
			AuthProtocol: "SHA", AuthPassword: "fw-auth-sha1", PrivProtocol: "AES256", PrivPassword: "fw-priv-aes256"}, false},
		{"v3-wrong-priv", collect.SNMPTarget{Version: "3", User: "fwsha256", SecurityLevel: "authPriv",
			AuthProtocol: "SHA256", AuthPassword: "fw-auth-sha256", PrivProtocol: "AES", PrivPassword: "not-the-password"}, true},
		{"v3-wrong-auth", collect.SNMPTarget{Version: "3", User: "fwsha1", SecurityLevel: "authPriv",
			AuthProtocol: "SHA", AuthPassword: "not-the-auth-password", PrivProtocol: "AES256", PrivPassword: "fw-priv-aes256"}, true},
		{"v3-wrong-auth-protocol", collect.SNMPTarget{Version: "3", User: "fwsha256", SecurityLevel: "authPriv",
			AuthProtocol: "SHA", AuthPassword: "fw-auth-sha256", PrivProtocol: "AES", PrivPassword: "fw-priv-aes128"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tg := tc.target
			tg.Address, tg.Port, tg.Timeout, tg.Retries = "127.0.0.1", port, time.Second, -1
			res, err := collect.CollectSNMP(context.Background(), tg, quiet())
			if tc.fails {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, "snmpd-peer", res.SNMP.SysName)
			require.Equal(t, "fwaudit test peer", res.SNMP.SysDescr)
			require.True(t, strings.HasPrefix(res.SNMP.SysObjectID, "1.3.6.1.4.1.8072."), res.SNMP.SysObjectID)
			require.Positive(t, res.SNMP.EngineBoots)
			require.Empty(t, res.Components, "snmpd has no Cisco firmware rows")
		})
	}
}

// TestCollectSNMP_Snmpsim: Debian's snmpsimd serving a recorded Cisco
// ASR1001-X walk (testdata/snmpsim): the route processor's
// entPhysicalFirmwareRev is the ROMMON, the chassis row has none.
func TestCollectSNMP_Snmpsim(t *testing.T) {
	bin := needSNMPTool(t, "snmpsimd")
	data, err := os.MkdirTemp("", "fwaudit-snmpsim-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(data) })
	require.NoError(t, os.Chmod(data, 0o755)) // snmpsimd drops root to nobody
	rec, err := os.ReadFile("testdata/snmpsim/cisco-asr1001x.snmprec")
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(data, "data"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(data, "cache"), 0o755))
	require.NoError(t, os.Chmod(filepath.Join(data, "cache"), 0o777)) // written by nobody
	require.NoError(t, os.WriteFile(filepath.Join(data, "data", "cisco-asr1001x.snmprec"), rec, 0o644))
	port := freeUDPPort(t)
	args := []string{"--data-dir=" + filepath.Join(data, "data"), "--cache-dir=" + filepath.Join(data, "cache"),
		fmt.Sprintf("--agent-udpv4-endpoint=127.0.0.1:%d", port), "--logging-method=stderr"}
	if os.Geteuid() == 0 {
		args = append(args, "--process-user=nobody", "--process-group=nogroup")
	}
	tg := collect.SNMPTarget{Address: "127.0.0.1", Port: port, Version: "2c", Community: "cisco-asr1001x"}
	startDaemon(t, tg, bin, args...)
	res, err := collect.CollectSNMP(context.Background(), tg, quiet())
	require.NoError(t, err)
	require.Equal(t, "asr-rec-01", res.SNMP.SysName)
	require.Equal(t, "1.3.6.1.4.1.9.1.1861", res.SNMP.SysObjectID)
	require.Equal(t, "System Bootstrap, Version 16.9(1r), RELEASE SOFTWARE", res.SNMP.ROMID)
	require.Equal(t, "0x2102", res.SNMP.ConfigRegister)
	require.Equal(t, int64(18341900), res.SNMP.SysUpTimeSeconds)
	require.Len(t, res.SNMP.Entities, 8)
	require.Equal(t, "ASR1001-X", res.Model)
	require.Equal(t, "FXS2231Q1AB", res.Serial)
	require.Equal(t, []facts.Component{
		{Name: "0", Version: "16.9(1r)", Source: facts.SourceSNMP, Origin: "entPhysicalFirmwareRev.1000"},
		{Name: "R0", Version: "16.9(1r)", Source: facts.SourceSNMP, Origin: "entPhysicalFirmwareRev.7000"},
		{Name: "F0", Version: "16.9(1r)", Source: facts.SourceSNMP, Origin: "entPhysicalFirmwareRev.9000"},
	}, res.Components)
}
