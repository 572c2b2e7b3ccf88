package inventory_test

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

// privateSecrets makes testdata/valid's secret files 0600: git checks
// them out readable by others, which the loader refuses.
func privateSecrets(t *testing.T) {
	t.Helper()
	paths, err := filepath.Glob("testdata/valid/secrets/*")
	require.NoError(t, err)
	for _, p := range paths {
		require.NoError(t, os.Chmod(p, 0o600))
	}
}

func TestLoadValidFolder(t *testing.T) {
	privateSecrets(t)
	var logs bytes.Buffer
	inv, err := inventory.Load("testdata/valid", inventory.LoadOptions{
		Getenv: getenv(testEnv),
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	require.NoError(t, err)
	require.Equal(t, []string{"testdata/valid/10-common.yaml", "testdata/valid/20-dc1.yml"}, inv.Files)

	lab := inventory.Credentials{Name: "lab", Username: "admin",
		Password: inventory.NewSecret("s3cret-pass"), EnableSecret: inventory.NewSecret("s3cret-enable-file")}
	v2c := func(port int) *inventory.SNMPSettings {
		return &inventory.SNMPSettings{Version: "2c", Port: port, Community: inventory.NewSecret("s3cret-community")}
	}
	kh := filepath.Join("testdata", "valid", "keys", "known_hosts")
	file := "testdata/valid/20-dc1.yml"
	want := []inventory.Device{
		{Name: "core-rtr-01", Address: "192.0.2.1", Port: 2200, Platform: "cisco_iosxe", Site: "dc1", Role: "core",
			Tags: []string{"pci"}, Groups: []string{"core", "tofu"}, Credentials: lab,
			SSH: inventory.SSHSettings{KnownHosts: kh, HostKeyPolicy: "tofu"}, SNMP: v2c(161),
			Collect: []string{"ssh", "snmp"}, Timeout: 90 * time.Second, File: file, Line: 12},
		{Name: "core-rtr-02", Address: "core-rtr-02.dc1.example.net", Port: 22, Platform: "cisco_iosxe", Site: "dc1", Role: "core",
			Tags: []string{"pci"}, Groups: []string{"tofu", "core"},
			Credentials: inventory.Credentials{Name: "keyed", Username: "auditor", KeyFile: filepath.Join("testdata", "valid", "keys", "id_ed25519")},
			SSH:         inventory.SSHSettings{KnownHosts: kh, HostKeyPolicy: "tofu"}, SNMP: v2c(1161),
			Collect: []string{"ssh", "snmp"}, Timeout: 90 * time.Second, File: file, Line: 17},
		{Name: "edge-01", Address: "2001:db8::1", Port: 22, Platform: "juniper_junos", Site: "dc2", Role: "edge",
			Tags: []string{"internet"}, Groups: []string{"v3"},
			Credentials: inventory.Credentials{Name: "plain", Username: "legacy", Password: inventory.NewSecret("legacy-plain-pw"), PlainPasswordWarning: true},
			SSH:         inventory.SSHSettings{KnownHosts: kh, HostKeyPolicy: "strict"},
			SNMP: &inventory.SNMPSettings{Version: "3", Port: 161, User: "fw", SecurityLevel: "authPriv",
				AuthProtocol: "SHA512", AuthPassword: inventory.NewSecret("s3cret-auth"),
				PrivProtocol: "AES256", PrivPassword: inventory.NewSecret("s3cret-priv-file")},
			Collect: []string{"ssh", "snmp"}, Timeout: 90 * time.Second, File: file, Line: 25},
		{Name: "ssh-only", Address: "198.51.100.7", Port: 22, Platform: "cisco_ios", Credentials: lab,
			SSH:     inventory.SSHSettings{KnownHosts: kh, HostKeyPolicy: "strict"},
			Collect: []string{"ssh"}, Timeout: 5 * time.Minute, File: file, Line: 33},
	}
	require.Equal(t, want, inv.Devices)
	// Equal compares Secrets by value; check the revealed values explicitly too.
	require.Equal(t, "s3cret-enable-file", inv.Devices[0].Credentials.EnableSecret.Reveal())
	require.Equal(t, "s3cret-priv-file", inv.Devices[2].SNMP.PrivPassword.Reveal())

	require.Contains(t, logs.String(), "plain-text secret in inventory")
	require.Contains(t, logs.String(), "field=password")
	require.NotContains(t, logs.String(), "legacy-plain-pw")
}

func TestLoadExample(t *testing.T) {
	const path = "../../inventory/example.yaml"
	env := map[string]string{
		"FWAUDIT_PASSWORD": "p", "FWAUDIT_ENABLE": "e", "FWAUDIT_SNMP_COMMUNITY": "c",
		"FWAUDIT_SNMP_AUTH": "a", "FWAUDIT_SNMP_PRIV": "x",
	}
	inv, err := inventory.Load(path, inventory.LoadOptions{Getenv: getenv(env)})
	require.NoError(t, err)
	require.Len(t, inv.Devices, 3)
	wan := inv.Devices[1]
	require.Equal(t, "3", wan.SNMP.Version)
	require.Equal(t, "x", wan.SNMP.PrivPassword.Reveal())
	require.Equal(t, 5*time.Minute, wan.Timeout)
	require.Equal(t, []string{"ssh"}, inv.Devices[2].Collect)
	require.Equal(t, "tofu", inv.Devices[2].SSH.HostKeyPolicy)
	require.Equal(t, filepath.Join("..", "..", "inventory", "known_hosts"), inv.Devices[2].SSH.KnownHosts)

	// Every variable the example names is needed: dropping any one makes
	// the devices that use it unusable, naming the variable; the rest load.
	for k := range env {
		t.Run("without-"+k, func(t *testing.T) {
			less := map[string]string{}
			for k2, v := range env {
				if k2 != k {
					less[k2] = v
				}
			}
			inv, err := inventory.Load(path, inventory.LoadOptions{Getenv: getenv(less)})
			require.NoError(t, err)
			unusable := 0
			for _, d := range inv.Devices {
				if d.Unusable != "" {
					unusable++
					require.Contains(t, d.Unusable, "environment variable "+k+" is not set", d.Name)
				}
			}
			require.NotZero(t, unusable)
		})
	}
}

// TestLoadRelativePaths checks that paths resolve against the inventory
// file, not the working directory, and the known_hosts default.
func TestLoadRelativePaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "inv")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "s"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "s", "pw"), []byte("from-file\n"), 0o600))
	yaml := "credentials:\n  c: {username: u, password_file: s/pw}\n" +
		"devices:\n  - {name: r1, address: 192.0.2.1, platform: cisco_ios, credentials: c}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "one.yaml"), []byte(yaml), 0o600))

	inv, err := inventory.Load(filepath.Join(dir, "one.yaml"), inventory.LoadOptions{Getenv: getenv(nil)})
	require.NoError(t, err)
	d := inv.Devices[0]
	require.Equal(t, "from-file", d.Credentials.Password.Reveal())
	require.Equal(t, filepath.Join(dir, "known_hosts"), d.SSH.KnownHosts)
	require.Equal(t, "strict", d.SSH.HostKeyPolicy)
	require.Nil(t, d.SNMP)
	require.Equal(t, 22, d.Port)
}

func TestLoadKnownPlatforms(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "i.yaml")
	yaml := "devices:\n  - {name: r1, address: 192.0.2.1, platform: mikrotik_routeros, collect: [snmp], snmp: {version: \"2c\", community_env: C}}\n"
	require.NoError(t, os.WriteFile(p, []byte(yaml), 0o600))
	env := getenv(map[string]string{"C": "c"})

	_, err := inventory.Load(p, inventory.LoadOptions{Getenv: env})
	require.ErrorContains(t, err, `platform: unknown "mikrotik_routeros" (known: arista_eos, cisco_asa, cisco_ios,`)

	_, err = inventory.Load(p, inventory.LoadOptions{Getenv: env, KnownPlatforms: []string{"cisco_iosxe"}})
	require.ErrorContains(t, err, `platform: unknown "mikrotik_routeros" (known: cisco_iosxe)`)

	inv, err := inventory.Load(p, inventory.LoadOptions{Getenv: env, KnownPlatforms: []string{"mikrotik_routeros", "cisco_iosxe"}})
	require.NoError(t, err)
	require.Equal(t, "mikrotik_routeros", inv.Devices[0].Platform)
}
