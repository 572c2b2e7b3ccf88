package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
	"fwaudit/internal/report"
)

// TestSweepFromForeignSources sweeps the lab fleet with its devices taken
// from an Ansible INI inventory, a Nornir SimpleInventory and an Oxidized
// router.db (each listed in an fwaudit file that supplies the login): the
// sweep runs unchanged and every source gives the same report.
func TestSweepFromForeignSources(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the lab fleet; skipped with -short")
	}
	_, dir := startLab(t)
	lab, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{})
	require.NoError(t, err)
	devs := lab.Devices

	var ini, hosts, routerDB strings.Builder
	for _, d := range devs {
		fmt.Fprintf(&ini, "%s ansible_host=%s ansible_port=%d fwaudit_platform=%s site=%s role=%s\n",
			d.Name, d.Address, d.Port, d.Platform, d.Site, d.Role)
		fmt.Fprintf(&hosts, "%s:\n  hostname: %s\n  port: %d\n  platform: %s\n  data: {site: %s, role: %s}\n",
			d.Name, d.Address, d.Port, d.Platform, d.Site, d.Role)
		fmt.Fprintf(&routerDB, "%s;%s;%s;%d\n", d.Name, d.Address, d.Platform, d.Port)
	}
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	}
	write("ansible/hosts.ini", "[lab]\n"+ini.String())
	write("nornir/hosts.yaml", hosts.String())
	write("nornir/groups.yaml", "{}\n")
	write("oxidized/router.db", routerDB.String())

	sources := map[string]string{
		"ansible":  "ansible/hosts.ini",
		"nornir":   "nornir:nornir",
		"oxidized": "oxidized:oxidized/router.db?map=name,ip,model,port&sep=;",
	}
	var first []byte
	for _, name := range []string{"ansible", "nornir", "oxidized"} {
		overlay := fmt.Sprintf("defaults:\n  credentials: lab\n  ssh: {known_hosts: ./known_hosts}\n"+
			"credentials:\n  lab: {username: %s, password_env: FWAUDIT_PASSWORD, enable_secret_env: FWAUDIT_ENABLE}\n"+
			"sources:\n  - %q\n", devs[0].Credentials.Username, sources[name])
		write("via-"+name+".yaml", overlay)
		code, out, stderr := run(t, "sweep", "--config", os.DevNull, "-i", filepath.Join(dir, "via-"+name+".yaml"),
			"-b", "../../baselines", "-o", "json", "--state", "none", "--workers", "8", "--log-level", "error")
		require.Equal(t, exitDrift, code, "%s: %s", name, stderr)
		var rep report.JSONReport
		require.NoError(t, json.Unmarshal([]byte(out), &rep), name)
		require.Len(t, rep.Devices, len(devs), name)
		require.Zero(t, rep.Summary.Error, name)
		require.NotZero(t, rep.Summary.Drift, name)
		clearRunTimes(&rep)
		for i := range rep.Devices {
			rep.Devices[i].Facts.UptimeSeconds = 0 // the lab's clock moves
		}
		norm, err := json.MarshalIndent(rep, "", " ")
		require.NoError(t, err)
		if first == nil {
			first = norm
			continue
		}
		require.JSONEq(t, string(first), string(norm), "%s differs from ansible", name)
	}
}

// TestAnsibleAmbiguousPlatformDetected: IOS XE routers an Ansible
// inventory names cisco.ios.ios (Ansible's one name for IOS and IOS XE)
// are detected as IOS XE and audited with its baseline: the drift is found,
// not hidden behind classic IOS's "no baseline for model".
func TestAnsibleAmbiguousPlatformDetected(t *testing.T) {
	_, dir := startLab(t)
	lab, err := inventory.Load(filepath.Join(dir, "inventory.yaml"), inventory.LoadOptions{})
	require.NoError(t, err)
	var hosts strings.Builder
	for _, d := range lab.Devices {
		if d.Name == "lon-wan-02" || d.Name == "fra-acc-sw-03" || d.Name == "mad-br-isr-02" {
			fmt.Fprintf(&hosts, "    %s:\n      ansible_host: %s\n      ansible_port: %d\n      ansible_network_os: cisco.ios.ios\n",
				d.Name, d.Address, d.Port)
		}
	}
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "ansible"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ansible", "hosts.yml"), []byte("all:\n  hosts:\n"+hosts.String()), 0o600))
	overlay := fmt.Sprintf("defaults:\n  credentials: lab\n  ssh: {known_hosts: ./known_hosts}\n"+
		"credentials:\n  lab: {username: %s, password_env: FWAUDIT_PASSWORD, enable_secret_env: FWAUDIT_ENABLE}\n"+
		"sources:\n  - ansible/hosts.yml\n", lab.Devices[0].Credentials.Username)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "via-ansible.yaml"), []byte(overlay), 0o600))

	code, out, stderr := run(t, "sweep", "--config", os.DevNull, "-i", filepath.Join(dir, "via-ansible.yaml"),
		"-b", "../../baselines", "-o", "json", "--state", "none", "--log-level", "error")
	require.Equal(t, exitDrift, code, stderr)
	var rep report.JSONReport
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	got := map[string]string{}
	rules := map[string][]string{}
	for _, d := range rep.Devices {
		got[d.Name] = d.Platform
		for _, f := range d.Findings {
			rules[d.Name] = append(rules[d.Name], f.Rule)
		}
	}
	require.Equal(t, map[string]string{"lon-wan-02": "cisco_iosxe", "fra-acc-sw-03": "cisco_iosxe", "mad-br-isr-02": "cisco_ios"}, got)
	require.Contains(t, rules["lon-wan-02"], "ROM-001")
	require.Contains(t, rules["fra-acc-sw-03"], "IMG-002")
	require.Contains(t, rules["mad-br-isr-02"], "ROM-001", "classic IOS is still classic IOS")
}
