package lab

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/ssh/knownhosts"
	"gopkg.in/yaml.v3"
)

// inventoryFile is the DESIGN.md inventory contract, as much as the lab needs.
type inventoryFile struct {
	Defaults    invDefaults              `yaml:"defaults"`
	Credentials map[string]invCredential `yaml:"credentials"`
	Devices     []invDevice              `yaml:"devices"`
}

type invDefaults struct {
	Credentials string `yaml:"credentials"`
	SSH         invSSH `yaml:"ssh"`
}

type invSSH struct {
	KnownHosts    string `yaml:"known_hosts"`
	HostKeyPolicy string `yaml:"host_key_policy"`
}

type invCredential struct {
	Username        string `yaml:"username"`
	PasswordEnv     string `yaml:"password_env"`
	EnableSecretEnv string `yaml:"enable_secret_env"`
}

type invDevice struct {
	Name     string   `yaml:"name"`
	Address  string   `yaml:"address"`
	Port     int      `yaml:"port"`
	Platform string   `yaml:"platform"`
	Site     string   `yaml:"site,omitempty"`
	Role     string   `yaml:"role,omitempty"`
	Tags     []string `yaml:"tags,omitempty"`
	SNMP     *invSNMP `yaml:"snmp,omitempty"` // snmp_inventory.go
}

// WriteInventory writes dir/inventory.yaml (credentials from
// FWAUDIT_PASSWORD / FWAUDIT_ENABLE, strict host keys) and dir/known_hosts
// with the current host key of every device.
func (l *Lab) WriteInventory(dir string) error {
	user := DefaultUsername
	if len(l.devices) > 0 {
		user = l.devices[0].Spec().Username
	}
	inv := inventoryFile{
		Defaults: invDefaults{Credentials: "lab", SSH: invSSH{KnownHosts: "./known_hosts", HostKeyPolicy: "strict"}},
		Credentials: map[string]invCredential{"lab": {
			Username: user, PasswordEnv: "FWAUDIT_PASSWORD", EnableSecretEnv: "FWAUDIT_ENABLE",
		}},
	}
	snmp, err := l.writeSNMPSecrets(dir)
	if err != nil {
		return err
	}
	var kh strings.Builder
	for _, d := range l.devices {
		s := d.Spec()
		host, _, err := net.SplitHostPort(d.Addr())
		if err != nil {
			return fmt.Errorf("write inventory: %w", err)
		}
		inv.Devices = append(inv.Devices, invDevice{
			Name: d.Name(), Address: host, Port: d.Port(), Platform: s.Platform,
			Site: s.Site, Role: s.Role, Tags: s.Tags,
		})
		inv.Devices[len(inv.Devices)-1].SNMP = snmp[d.Name()]
		kh.WriteString(knownhosts.Line([]string{knownhosts.Normalize(d.Addr())}, d.HostKey()) + "\n")
	}
	var b bytes.Buffer
	b.WriteString("# Written by fwlab for a running lab; ports change on every start.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(inv); err != nil {
		return fmt.Errorf("write inventory: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write inventory: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "inventory.yaml"), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write inventory: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "known_hosts"), []byte(kh.String()), 0o644); err != nil {
		return fmt.Errorf("write known_hosts: %w", err)
	}
	return nil
}
