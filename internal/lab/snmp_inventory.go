package lab

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
)

// invSNMP is a device's snmp: section in a written inventory.
type invSNMP struct {
	Version          string `yaml:"version"`
	Port             int    `yaml:"port"`
	User             string `yaml:"user"`
	SecurityLevel    string `yaml:"security_level"`
	AuthProtocol     string `yaml:"auth_protocol"`
	AuthPasswordFile string `yaml:"auth_password_file"`
	PrivProtocol     string `yaml:"priv_protocol"`
	PrivPasswordFile string `yaml:"priv_password_file"`
}

// writeSNMPSecrets writes the v3 passwords of every device into files in
// dir (0600; shared files for the lab defaults, one pair per device that
// sets its own) and returns each device's snmp: section: SNMPv3 authPriv,
// the secure choice, so the generated inventory collects over SNMP too.
func (l *Lab) writeSNMPSecrets(dir string) (map[string]*invSNMP, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("write snmp secrets: %w", err)
	}
	out := map[string]*invSNMP{}
	written := map[string]bool{}
	put := func(name, secret string) (string, error) {
		if !written[name] {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(secret+"\n"), 0o600); err != nil {
				return "", fmt.Errorf("write snmp secrets: %w", err)
			}
			written[name] = true
		}
		return "./" + name, nil
	}
	for _, d := range l.devices {
		s := d.Spec()
		authName, privName := "snmp-auth.secret", "snmp-priv.secret"
		if s.SNMPAuthPassword != "" || s.SNMPPrivPassword != "" {
			authName, privName = "snmp-"+d.Name()+"-auth.secret", "snmp-"+d.Name()+"-priv.secret"
		}
		auth, err := put(authName, cmp.Or(s.SNMPAuthPassword, DefaultSNMPAuthPassword))
		if err != nil {
			return nil, err
		}
		priv, err := put(privName, cmp.Or(s.SNMPPrivPassword, DefaultSNMPPrivPassword))
		if err != nil {
			return nil, err
		}
		out[d.Name()] = &invSNMP{
			Version: "3", Port: d.SNMPPort(), User: cmp.Or(s.SNMPUser, DefaultSNMPUser), SecurityLevel: "authPriv",
			AuthProtocol: cmp.Or(s.SNMPAuthProtocol, defaultSNMPAuthProtocol), AuthPasswordFile: auth,
			PrivProtocol: cmp.Or(s.SNMPPrivProtocol, defaultSNMPPrivProtocol), PrivPasswordFile: priv,
		}
	}
	return out, nil
}
